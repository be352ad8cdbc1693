using LerarenFunctions.Infrastructure.Storage;
using Microsoft.Extensions.Hosting;

namespace LerarenFunctions.Infrastructure;

/// <summary>Creates the containers, queues and tables at start, before any trigger listens on them.</summary>
internal sealed class StorageBootstrapper(StorageClients clients) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => clients.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
