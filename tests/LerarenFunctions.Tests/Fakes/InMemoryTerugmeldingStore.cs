using System.Collections.Concurrent;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Tests.Fakes;

/// <summary>The reports container in memory: JSON and CSV as a pair, each with its own version.</summary>
public sealed class InMemoryTerugmeldingStore : ITerugmeldingStore
{
    private readonly ConcurrentDictionary<string, StoredTerugmelding> _reports = new();
    private readonly Lock _lock = new();

    public Conflicter Conflicts { get; } = new();

    /// <summary>The next this many unconditional writes fail, as a storage hiccup would.</summary>
    public int FailWrites { get; set; }

    /// <summary>The paths written so far.</summary>
    public IReadOnlyCollection<string> Paths => [.. _reports.Keys];

    public Terugmelding? this[string path] => _reports.TryGetValue(path, out var stored) ? stored.Report : null;

    public Task<StoredTerugmelding?> ReadAsync(TerugmeldingLocation location, CancellationToken cancellationToken) =>
        Task.FromResult(_reports.GetValueOrDefault(location.Path));

    public Task<TerugmeldingInfo?> GetInfoAsync(TerugmeldingLocation location, CancellationToken cancellationToken) =>
        Task.FromResult(_reports.GetValueOrDefault(location.Path)?.Info);

    public Task WriteAsync(TerugmeldingLocation location, Terugmelding terugmelding, TerugmeldingOwner? owner, CancellationToken cancellationToken)
    {
        if (FailWrites > 0)
        {
            FailWrites--;
            throw new IOException("A storage hiccup.");
        }

        _reports[location.Path] = Stored(location, terugmelding, owner);
        return Task.CompletedTask;
    }

    public Task<bool> TryWriteAsync(TerugmeldingLocation location, Terugmelding terugmelding, TerugmeldingOwner? owner, TerugmeldingInfo? expected, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var current = _reports.GetValueOrDefault(location.Path)?.Info;
            if (Conflicts.Refuse() || current?.Version != expected?.Version || current?.CsvVersion != expected?.CsvVersion)
            {
                return Task.FromResult(false);
            }

            _reports[location.Path] = Stored(location, terugmelding, owner);
            return Task.FromResult(true);
        }
    }

    private static StoredTerugmelding Stored(TerugmeldingLocation location, Terugmelding terugmelding, TerugmeldingOwner? owner) =>
        new(terugmelding, new TerugmeldingInfo(Versions.Next(), location.WithCsv ? Versions.Next() : null, CsvCurrent: true, owner));
}
