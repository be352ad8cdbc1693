using System.Security.Cryptography;
using Azure.Storage.Blobs;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Infrastructure.Storage.Blobs;
using LerarenFunctions.Tests.Fakes;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Contracts;

/// <summary>
/// What every <see cref="IDeliveryFiles"/> promises, against the blob adapter on Azurite and against the fake. Files
/// are uploaded as a board does (the SDK, or the fake's <c>Upload</c>), in a random board folder of the test's own.
/// </summary>
public abstract class DeliveryFilesContract : IAsyncLifetime
{
    private readonly List<string> _paths = [];

    private IDeliveryFiles Files { get; set; } = null!;

    public async Task InitializeAsync() => Files = await CreateAsync();

    /// <summary>Removes the uploads: the Azurite is shared with tests that take in every upload they find.</summary>
    public async Task DisposeAsync()
    {
        foreach (var path in _paths)
        {
            await RemoveAsync(path);
        }
    }

    [Fact]
    public async Task GetInfoAsync_ReturnsPathVersionLengthAndLastModified_WhenUploaded()
    {
        var path = NewPath(ContractData.RandomBoard());
        var start = DateTimeOffset.UtcNow;

        await UploadAsync(path, Bytes(1234, seed: 1));

        var info = await Files.GetInfoAsync(path, CancellationToken.None);
        Assert.NotNull(info);
        Assert.Equal(path, info.Path);
        Assert.False(string.IsNullOrEmpty(info.Version));
        Assert.Equal(1234, info.Length);
        Assert.InRange(info.LastModified, start.AddSeconds(-2), DateTimeOffset.UtcNow.AddSeconds(2));
    }

    [Fact]
    public async Task GetInfoAsync_ReturnsLastModifiedInWholeSeconds_WhenUploaded()
    {
        // Blob storage keeps the last-modified time to the second: two uploads in one second look equally new.
        var path = NewPath(ContractData.RandomBoard());
        await UploadAsync(path, Bytes(10, seed: 2));

        var info = await Files.GetInfoAsync(path, CancellationToken.None);

        Assert.Equal(0, info!.LastModified.UtcTicks % TimeSpan.TicksPerSecond);
    }

    [Fact]
    public async Task GetInfoAsync_ReturnsNewVersion_WhenReplaced()
    {
        var path = NewPath(ContractData.RandomBoard());
        await UploadAsync(path, Bytes(10, seed: 3));
        var first = await Files.GetInfoAsync(path, CancellationToken.None);

        await UploadAsync(path, Bytes(20, seed: 4));

        var second = await Files.GetInfoAsync(path, CancellationToken.None);
        Assert.NotEqual(first!.Version, second!.Version);
        Assert.Equal(20, second.Length);
    }

    [Fact]
    public async Task GetInfoAsync_ReturnsNull_WhenNeverUploaded() =>
        Assert.Null(await Files.GetInfoAsync(NewPath(ContractData.RandomBoard()), CancellationToken.None));

    [Fact]
    public async Task GetInfoAsync_ReturnsNull_WhenRemoved()
    {
        var path = NewPath(ContractData.RandomBoard());
        await UploadAsync(path, Bytes(10, seed: 5));

        await RemoveAsync(path);

        Assert.Null(await Files.GetInfoAsync(path, CancellationToken.None));
    }

    [Fact]
    public async Task ListBoardUploadsAsync_ListsOnlyThatBoardsFilesAsGetInfoGivesThem_WhenOtherBoardsHaveFiles()
    {
        var board = ContractData.RandomBoard();
        var other = OtherBoard(board);
        var mine = new[] { NewPath(board), NewPath(board, "proef/"), NewPath(board) };
        foreach (var path in mine)
        {
            await UploadAsync(path, Bytes(100, seed: path.Length));
        }

        await UploadAsync(NewPath(other), Bytes(10, seed: 6));
        await UploadAsync(NewPath(null, $"{board.Value}x/"), Bytes(10, seed: 7));

        var listed = await Files.ListBoardUploadsAsync(board, CancellationToken.None).ToListAsync();

        var expected = new List<DeliveryFileInfo>();
        foreach (var path in mine)
        {
            expected.Add((await Files.GetInfoAsync(path, CancellationToken.None))!);
        }

        Assert.Equal(expected.OrderBy(f => f.Path, StringComparer.Ordinal), listed.OrderBy(f => f.Path, StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListBoardUploadsAsync_ListsNothing_WhenBoardHasNoFiles() =>
        Assert.Empty(await Files.ListBoardUploadsAsync(ContractData.RandomBoard(), CancellationToken.None).ToListAsync());

    [Fact]
    public async Task ListUploadsAsync_WalksEveryUploadOnceAsGetInfoGivesIt_WhenFollowingContinuations()
    {
        var board = ContractData.RandomBoard();
        var mine = Enumerable.Range(0, 5).Select(_ => NewPath(board)).ToList();
        foreach (var path in mine)
        {
            await UploadAsync(path, Bytes(50, seed: 8));
        }

        var walked = new List<DeliveryFileInfo>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var page = await Files.ListUploadsAsync(continuation, CancellationToken.None);
            walked.AddRange(page.Files);
            continuation = page.Continuation;
            Assert.True(++pages < 10_000, "The walk ends.");
        }
        while (continuation is not null);

        Assert.Equal(walked.Count, walked.Select(f => f.Path).Distinct().Count());
        foreach (var path in mine)
        {
            Assert.Equal(await Files.GetInfoAsync(path, CancellationToken.None), Assert.Single(walked, f => f.Path == path));
        }
    }

    [Fact]
    public async Task OpenReadAsync_ReadsContent_WhenVersionIsCurrent()
    {
        var path = NewPath(ContractData.RandomBoard());
        var content = Bytes(100_000, seed: 9);
        await UploadAsync(path, content);
        var info = await Files.GetInfoAsync(path, CancellationToken.None);

        await using var stream = await Files.OpenReadAsync(info!, CancellationToken.None);
        using var read = new MemoryStream();
        await stream.CopyToAsync(read);

        Assert.Equal(content, read.ToArray());
    }

    [Fact]
    public async Task OpenReadAsync_ReadsListedVersion_WhenInfoComesFromListing()
    {
        var board = ContractData.RandomBoard();
        var path = NewPath(board);
        var content = Bytes(300, seed: 10);
        await UploadAsync(path, content);
        var listed = Assert.Single(await Files.ListBoardUploadsAsync(board, CancellationToken.None).ToListAsync());

        await using var stream = await Files.OpenReadAsync(listed, CancellationToken.None);
        using var read = new MemoryStream();
        await stream.CopyToAsync(read);

        Assert.Equal(content, read.ToArray());
    }

    [Fact]
    public async Task OpenReadAsync_ThrowsFileChanged_WhenReplacedBeforeOpening()
    {
        var path = NewPath(ContractData.RandomBoard());
        await UploadAsync(path, Bytes(100, seed: 11));
        var info = await Files.GetInfoAsync(path, CancellationToken.None);
        await UploadAsync(path, Bytes(100, seed: 12));

        await Assert.ThrowsAsync<DeliveryFileChangedException>(() => Files.OpenReadAsync(info!, CancellationToken.None));
    }

    [Fact]
    public async Task OpenReadAsync_ThrowsFileChanged_WhenRemovedBeforeOpening()
    {
        var path = NewPath(ContractData.RandomBoard());
        await UploadAsync(path, Bytes(100, seed: 13));
        var info = await Files.GetInfoAsync(path, CancellationToken.None);
        await RemoveAsync(path);

        await Assert.ThrowsAsync<DeliveryFileChangedException>(() => Files.OpenReadAsync(info!, CancellationToken.None));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OpenReadAsync_ThrowsFileChangedOnLaterRead_WhenChangedWhileReading(bool removed)
    {
        // Larger than the SDK's first read (4 MB), so reading on needs another request.
        var path = NewPath(ContractData.RandomBoard());
        await UploadAsync(path, Bytes(9 * 1024 * 1024, seed: 14));
        var info = await Files.GetInfoAsync(path, CancellationToken.None);
        await using var stream = await Files.OpenReadAsync(info!, CancellationToken.None);
        var buffer = new byte[64 * 1024];
        Assert.True(await stream.ReadAsync(buffer) > 0);

        if (removed)
        {
            await RemoveAsync(path);
        }
        else
        {
            await UploadAsync(path, Bytes(9 * 1024 * 1024, seed: 15));
        }

        await Assert.ThrowsAsync<DeliveryFileChangedException>(async () =>
        {
            while (await stream.ReadAsync(buffer) > 0)
            {
            }
        });
    }

    [Fact]
    public async Task ComputeContentHashAsync_ReturnsSha256InLowerCaseHex_WhenVersionIsCurrent()
    {
        var path = NewPath(ContractData.RandomBoard());
        var content = Bytes(200_000, seed: 16);
        await UploadAsync(path, content);
        var info = await Files.GetInfoAsync(path, CancellationToken.None);

        var hash = await Files.ComputeContentHashAsync(info!, CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), hash);
    }

    [Fact]
    public async Task ComputeContentHashAsync_ThrowsFileChanged_WhenReplaced()
    {
        var path = NewPath(ContractData.RandomBoard());
        await UploadAsync(path, Bytes(100, seed: 17));
        var info = await Files.GetInfoAsync(path, CancellationToken.None);
        await UploadAsync(path, Bytes(100, seed: 18));

        await Assert.ThrowsAsync<DeliveryFileChangedException>(() => Files.ComputeContentHashAsync(info!, CancellationToken.None));
    }

    protected abstract Task<IDeliveryFiles> CreateAsync();

    /// <summary>Uploads (or replaces) a file as a board does.</summary>
    protected abstract Task UploadAsync(string path, byte[] content);

    /// <summary>Removes a file, if it is there.</summary>
    protected abstract Task RemoveAsync(string path);

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static Bestuursnummer OtherBoard(Bestuursnummer board)
    {
        var other = ContractData.RandomBoard();
        return other == board ? OtherBoard(board) : other;
    }

    /// <summary>A new file name in <paramref name="board"/>'s folder (below <paramref name="folder"/>), or in <paramref name="folder"/> alone.</summary>
    private string NewPath(Bestuursnummer? board, string folder = "")
    {
        var path = $"{(board is { } b ? b.Value + "/" : string.Empty)}{folder}contract-{Guid.NewGuid():N}.csv";
        _paths.Add(path);
        return path;
    }
}

[Collection(StorageCollection.Name)]
public sealed class BlobDeliveryFilesContractTests(AzuriteFixture azurite) : DeliveryFilesContract
{
    private BlobContainerClient Uploads => azurite.Clients.Blobs.GetBlobContainerClient(StorageNames.UploadsContainer);

    protected override Task<IDeliveryFiles> CreateAsync() => Task.FromResult<IDeliveryFiles>(new BlobDeliveryFiles(azurite.Clients));

    protected override async Task UploadAsync(string path, byte[] content) =>
        await Uploads.GetBlobClient(path).UploadAsync(new BinaryData(content), overwrite: true);

    protected override async Task RemoveAsync(string path) =>
        await Uploads.GetBlobClient(path).DeleteIfExistsAsync();
}

public sealed class InMemoryDeliveryFilesContractTests : DeliveryFilesContract
{
    private readonly InMemoryDeliveryFiles _files = new(TimeProvider.System) { PageSize = 2 };

    protected override Task<IDeliveryFiles> CreateAsync() => Task.FromResult<IDeliveryFiles>(_files);

    protected override Task UploadAsync(string path, byte[] content)
    {
        _files.Upload(path, content);
        return Task.CompletedTask;
    }

    protected override Task RemoveAsync(string path)
    {
        _files.Remove(path);
        return Task.CompletedTask;
    }
}
