using LerarenFunctions.Core;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LerarenFunctions.Tests.Pages;

/// <summary>
/// The operators' LocalHost of <see cref="BeheerHost"/> with its tables behind <see cref="TableConflicts"/>, for what
/// operators are told about a dead letter they cannot replay now (its delivery keeps changing) or ever (the retention
/// removed its rows), over the API, on the page and in the CLI.
/// </summary>
public sealed class DeadLetterHost : BeheerHost, IAsyncLifetime
{
    public DeadLetterHost() => Conflicts = TableConflicts.Start(() => Azurite.ConnectionString);

    public TableConflicts Conflicts { get; }

    /// <summary>The storage as the LocalHost (and a CLI run by a test) reaches it: its tables through the proxy.</summary>
    public string ConnectionString => Conflicts.ConnectionString;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { [StorageNames.Connection] = ConnectionString };

    /// <summary>
    /// Runs the retention as its timer would <paramref name="later"/> from now, on this host's storage: the rows of
    /// every dead letter older than <c>Retention:DeadLetterRows</c> then are removed, and their dead letters say so.
    /// </summary>
    public async Task ApplyRetentionAsync(TimeSpan later)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageNames.Connection] = Azurite.ConnectionString })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.UtcNow + later));
        services.AddLerarenFunctionsCore();
        services.AddLerarenFunctionsStorage(configuration);
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<ApplyRetention>().HandleAsync(CancellationToken.None);
    }

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Conflicts.DisposeAsync();
    }
}

/// <summary>The API's and the page's tests of dead letters share one such host; the CLI's have their own (it replays all).</summary>
[CollectionDefinition(Name)]
public sealed class DeadLetterCollection : ICollectionFixture<DeadLetterHost>
{
    public const string Name = "Dode letters";
}
