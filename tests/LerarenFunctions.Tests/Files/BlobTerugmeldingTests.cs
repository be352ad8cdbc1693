using System.Text;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Infrastructure.Storage.Blobs;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Files;

/// <summary>The terugmelding reaches storage in both forms, against a real Azurite.</summary>
[Collection(StorageCollection.Name)]
public sealed class BlobTerugmeldingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task WriteTerugmeldingAsync_WritesCsvNextToJson_WithExcelFriendlyContent()
    {
        var outcome = await TeacherFiles.ValidateAsync(TeacherFiles.Csv([TeacherFiles.Row(1), TeacherFiles.Row(2, "bsn=123456789", "regel_id==1+1")]));
        var path = $"10053/rapport-{Guid.NewGuid():N}.csv.terugmelding.json";

        await new BlobTerugmeldingStore(azurite.Clients).WriteAsync(path, outcome.Report, owner: null, CancellationToken.None);

        var reports = azurite.Clients.Blobs.GetBlobContainerClient(StorageNames.ReportsContainer);
        var json = (await reports.GetBlobClient(path).DownloadContentAsync()).Value;
        var csv = (await reports.GetBlobClient(BlobTerugmeldingStore.CsvPath(path)).DownloadContentAsync()).Value;
        Assert.Equal("application/json; charset=utf-8", json.Details.ContentType);
        Assert.Equal(TerugmeldingCsv.ContentType, csv.Details.ContentType);
        var bytes = csv.Content.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("3;'=1+1;bsn;BSN_ONGELDIG;fout;", text, StringComparison.Ordinal);
        Assert.DoesNotContain("123456789", text, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"gedeeltelijk\"", json.Content.ToString(), StringComparison.Ordinal);
    }
}
