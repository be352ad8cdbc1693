using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.LocalHost.Development;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Tests.Support;

/// <summary>A real Azurite of the tests' own, on free ports and in memory, for every test in the collection.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite is not started.");

    public StorageClients Clients { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartOnFreePortsAsync(CancellationToken.None);
        Clients = new StorageClients(Options.Create(new StorageOptions { ConnectionString = ConnectionString }));
        await Clients.EnsureCreatedAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class StorageCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
