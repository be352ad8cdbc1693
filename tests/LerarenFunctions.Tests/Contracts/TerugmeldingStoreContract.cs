using System.Text;
using Azure.Storage.Blobs;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Infrastructure.Storage.Blobs;
using LerarenFunctions.Tests.Fakes;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Contracts;

/// <summary>What every <see cref="ITerugmeldingStore"/> promises, against the blob adapter on Azurite and against the fake.</summary>
public abstract class TerugmeldingStoreContract : IAsyncLifetime
{
    private readonly List<string> _paths = [];

    protected ITerugmeldingStore Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = await CreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var path in _paths)
        {
            await RemoveAsync(path);
        }
    }

    [Fact]
    public async Task ReadAsync_ReturnsNull_WhenThereIsNone() =>
        Assert.Null(await Store.ReadAsync(NewPath(), CancellationToken.None));

    [Fact]
    public async Task GetInfoAsync_ReturnsNull_WhenThereIsNone() =>
        Assert.Null(await Store.GetInfoAsync(NewPath(), CancellationToken.None));

    [Fact]
    public async Task ReadAsync_ReturnsReportAndInfo_WhenWritten()
    {
        var path = NewPath();
        var report = Report();
        var owner = new TerugmeldingOwner(ContractData.DeliveryId(), ContractData.PreciseMoment);

        await Store.WriteAsync(path, report, owner, CancellationToken.None);

        var stored = await Store.ReadAsync(path, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(Json(report), Json(stored.Report));
        Assert.False(string.IsNullOrEmpty(stored.Info.Version));
        Assert.False(string.IsNullOrEmpty(stored.Info.CsvVersion));
        Assert.True(stored.Info.CsvCurrent);
        Assert.Equal(owner, stored.Info.Owner);
        Assert.Equal(owner.UploadedAt.UtcTicks, stored.Info.Owner!.UploadedAt.UtcTicks);
    }

    [Fact]
    public async Task ReadAsync_ReturnsJsonOnlyInfo_WhenTheLocationHasNoCsv()
    {
        var location = new TerugmeldingLocation(NewPath(), WithCsv: false);
        var report = Report();

        await Store.WriteAsync(location, report, owner: null, CancellationToken.None);
        var stored = await Store.ReadAsync(location, CancellationToken.None);

        Assert.Equal(Json(report), Json(stored!.Report));
        Assert.Equal((null, true), (stored.Info.CsvVersion, stored.Info.CsvCurrent));
        Assert.True(await Store.TryWriteAsync(location, Report(accepted: 1), owner: null, stored.Info, CancellationToken.None));
        Assert.False(await Store.TryWriteAsync(location, Report(accepted: 2), owner: null, stored.Info, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_ReturnsNoOwner_WhenWrittenWithout()
    {
        var path = NewPath();

        await Store.WriteAsync(path, Report(), owner: null, CancellationToken.None);

        var stored = await Store.ReadAsync(path, CancellationToken.None);
        Assert.Null(stored!.Info.Owner);
        Assert.True(stored.Info.CsvCurrent);
    }

    [Fact]
    public async Task GetInfoAsync_EqualsReadsInfo_WhenWritten()
    {
        var path = NewPath();
        await Store.WriteAsync(path, Report(), new TerugmeldingOwner(ContractData.DeliveryId(), ContractData.PreciseMoment), CancellationToken.None);

        var info = await Store.GetInfoAsync(path, CancellationToken.None);

        Assert.Equal((await Store.ReadAsync(path, CancellationToken.None))!.Info, info);
    }

    [Fact]
    public async Task WriteAsync_ReplacesReportAndBothVersions_WhenOneExists()
    {
        var path = NewPath();
        await Store.WriteAsync(path, Report(), new TerugmeldingOwner(ContractData.DeliveryId(), ContractData.Moment), CancellationToken.None);
        var before = await Store.GetInfoAsync(path, CancellationToken.None);
        var report = Report(accepted: 1);
        var owner = new TerugmeldingOwner(ContractData.DeliveryId(), ContractData.PreciseMoment);

        await Store.WriteAsync(path, report, owner, CancellationToken.None);

        var stored = await Store.ReadAsync(path, CancellationToken.None);
        Assert.Equal(Json(report), Json(stored!.Report));
        Assert.NotEqual(before!.Version, stored.Info.Version);
        Assert.NotEqual(before.CsvVersion, stored.Info.CsvVersion);
        Assert.True(stored.Info.CsvCurrent);
        Assert.Equal(owner, stored.Info.Owner);
    }

    [Fact]
    public async Task TryWriteAsync_Writes_WhenExpectingNoneAndThereIsNone()
    {
        var path = NewPath();
        var report = Report();
        var owner = new TerugmeldingOwner(ContractData.DeliveryId(), ContractData.PreciseMoment);

        Assert.True(await Store.TryWriteAsync(path, report, owner, expected: null, CancellationToken.None));

        var stored = await Store.ReadAsync(path, CancellationToken.None);
        Assert.Equal(Json(report), Json(stored!.Report));
        Assert.True(stored.Info.CsvCurrent);
        Assert.NotNull(stored.Info.CsvVersion);
        Assert.Equal(owner, stored.Info.Owner);
    }

    [Fact]
    public async Task TryWriteAsync_ReturnsFalseAndChangesNothing_WhenExpectingNoneAndOneExists()
    {
        var path = NewPath();
        var report = Report();
        await Store.WriteAsync(path, report, owner: null, CancellationToken.None);
        var before = await Store.GetInfoAsync(path, CancellationToken.None);

        var written = await Store.TryWriteAsync(path, Report(accepted: 0), new TerugmeldingOwner(ContractData.DeliveryId(), ContractData.Moment), expected: null, CancellationToken.None);

        Assert.False(written);
        var stored = await Store.ReadAsync(path, CancellationToken.None);
        Assert.Equal(before, stored!.Info);
        Assert.Equal(Json(report), Json(stored.Report));
    }

    [Fact]
    public async Task TryWriteAsync_WritesAndChangesBothVersions_WhenExpectingCurrent()
    {
        var path = NewPath();
        await Store.WriteAsync(path, Report(), owner: null, CancellationToken.None);
        var current = await Store.GetInfoAsync(path, CancellationToken.None);
        var report = Report(accepted: 1);
        var owner = new TerugmeldingOwner(ContractData.DeliveryId(), ContractData.PreciseMoment);

        Assert.True(await Store.TryWriteAsync(path, report, owner, current, CancellationToken.None));

        var stored = await Store.ReadAsync(path, CancellationToken.None);
        Assert.Equal(Json(report), Json(stored!.Report));
        Assert.NotEqual(current!.Version, stored.Info.Version);
        Assert.NotEqual(current.CsvVersion, stored.Info.CsvVersion);
        Assert.True(stored.Info.CsvCurrent);
        Assert.Equal(owner, stored.Info.Owner);
    }

    [Fact]
    public async Task TryWriteAsync_ReturnsFalseAndChangesNothing_WhenExpectingStale()
    {
        var path = NewPath();
        await Store.WriteAsync(path, Report(), owner: null, CancellationToken.None);
        var stale = await Store.GetInfoAsync(path, CancellationToken.None);
        var report = Report(accepted: 1);
        await Store.WriteAsync(path, report, owner: null, CancellationToken.None);
        var current = await Store.GetInfoAsync(path, CancellationToken.None);

        var written = await Store.TryWriteAsync(path, Report(accepted: 0), owner: null, stale, CancellationToken.None);

        Assert.False(written);
        var stored = await Store.ReadAsync(path, CancellationToken.None);
        Assert.Equal(current, stored!.Info);
        Assert.Equal(Json(report), Json(stored.Report));
    }

    [Fact]
    public async Task TryWriteAsync_ReturnsFalse_WhenExpectingOneAndThereIsNone()
    {
        var path = NewPath();
        var other = NewPath();
        await Store.WriteAsync(other, Report(), owner: null, CancellationToken.None);
        var elsewhere = await Store.GetInfoAsync(other, CancellationToken.None);

        Assert.False(await Store.TryWriteAsync(path, Report(), owner: null, elsewhere, CancellationToken.None));

        Assert.Null(await Store.GetInfoAsync(path, CancellationToken.None));
    }

    protected abstract Task<ITerugmeldingStore> CreateAsync();

    /// <summary>Removes what a test wrote at <paramref name="path"/>.</summary>
    protected abstract Task RemoveAsync(string path);

    protected static Terugmelding Report(int accepted = 2) => new()
    {
        AanleveringId = ContractData.DeliveryId(),
        Bestand = "leraren.csv",
        Bestuursnummer = ContractData.Board.Value,
        Status = accepted == 0 ? TerugmeldingStatus.Afgewezen : TerugmeldingStatus.Gedeeltelijk,
        AantalRegels = 3,
        AantalGoedgekeurd = accepted,
        AantalAfgekeurd = 3 - accepted,
        Meldingen =
        [
            new Melding(4, "R3", "bsn", "BSN_ONGELDIG", Ernst.Fout, "Het BSN voldoet niet aan de elfproef.", "******789"),
            new Melding(null, null, null, "KOLOM_ONBEKEND", Ernst.Waarschuwing, "Kolom 'opmerking' is onbekend; ë en é blijven leesbaar.", null),
        ],
        RegisterResultaten =
        [
            new RegisterResultaat(2, "R1", "geregistreerd", "REG-2", null),
            new RegisterResultaat(3, "R2", "afgewezen", null, "BSN onbekend in BRP"),
        ],
    };

    protected static string Json(Terugmelding report) => Encoding.UTF8.GetString(TerugmeldingJson.ToBytes(report));

    protected string NewPath()
    {
        var path = $"{ContractData.Board.Value}/aanleveringen/{ContractData.DeliveryId()}/terugmelding.json";
        _paths.Add(path);
        return path;
    }
}

[Collection(StorageCollection.Name)]
public sealed class BlobTerugmeldingStoreContractTests(AzuriteFixture azurite) : TerugmeldingStoreContract
{
    private BlobContainerClient Reports => azurite.Clients.Blobs.GetBlobContainerClient(StorageNames.ReportsContainer);

    [Fact]
    public async Task WriteAsync_WritesCsvNextToJson_WhenWritten()
    {
        var path = NewPath();

        await Store.WriteAsync(path, Report(), owner: null, CancellationToken.None);

        var info = await Store.GetInfoAsync(path, CancellationToken.None);
        var csv = await Reports.GetBlobClient(BlobTerugmeldingStore.CsvPath(path)).GetPropertiesAsync();
        Assert.Equal(info!.CsvVersion, csv.Value.ETag.ToString());
        Assert.Equal(TerugmeldingCsv.ContentType, csv.Value.ContentType);
    }

    [Fact]
    public async Task WriteAsync_WritesNoCsv_WhenTheLocationHasNone()
    {
        var path = NewPath();

        await Store.WriteAsync(new TerugmeldingLocation(path, WithCsv: false), Report(), owner: null, CancellationToken.None);

        Assert.True(await Reports.GetBlobClient(path).ExistsAsync());
        Assert.False(await Reports.GetBlobClient(BlobTerugmeldingStore.CsvPath(path)).ExistsAsync());
    }

    [Fact]
    public async Task GetInfoAsync_ReturnsNoCsvVersionAndNotCurrent_WhenCsvIsMissing()
    {
        var path = NewPath();
        await Store.WriteAsync(path, Report(), owner: null, CancellationToken.None);
        await Reports.GetBlobClient(BlobTerugmeldingStore.CsvPath(path)).DeleteAsync();

        var info = await Store.GetInfoAsync(path, CancellationToken.None);

        Assert.Null(info!.CsvVersion);
        Assert.False(info.CsvCurrent);
        Assert.True(await Store.TryWriteAsync(path, Report(), owner: null, info, CancellationToken.None));
        Assert.True((await Store.GetInfoAsync(path, CancellationToken.None))!.CsvCurrent);
    }

    [Fact]
    public async Task TryWriteAsync_ReturnsFalse_WhenOnlyCsvChanged()
    {
        var path = NewPath();
        await Store.WriteAsync(path, Report(), owner: null, CancellationToken.None);
        var read = await Store.GetInfoAsync(path, CancellationToken.None);
        await Reports.GetBlobClient(BlobTerugmeldingStore.CsvPath(path)).UploadAsync(new BinaryData("bewerkt"), overwrite: true);

        Assert.False(await Store.TryWriteAsync(path, Report(accepted: 1), owner: null, read, CancellationToken.None));

        // The CSV is no longer the one made from the JSON that is there, and says so.
        Assert.False((await Store.GetInfoAsync(path, CancellationToken.None))!.CsvCurrent);
    }

    protected override Task<ITerugmeldingStore> CreateAsync() => Task.FromResult<ITerugmeldingStore>(new BlobTerugmeldingStore(azurite.Clients));

    protected override async Task RemoveAsync(string path)
    {
        await Reports.GetBlobClient(path).DeleteIfExistsAsync();
        await Reports.GetBlobClient(BlobTerugmeldingStore.CsvPath(path)).DeleteIfExistsAsync();
    }
}

public sealed class InMemoryTerugmeldingStoreContractTests : TerugmeldingStoreContract
{
    protected override Task<ITerugmeldingStore> CreateAsync() => Task.FromResult<ITerugmeldingStore>(new InMemoryTerugmeldingStore());

    protected override Task RemoveAsync(string path) => Task.CompletedTask;
}
