using LerarenFunctions.Core.Domain;
using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Core.Boards;

/// <summary>
/// Which board a key opens: a key of the right form, issued (its hash matches, compared in constant time) and not
/// revoked. Its use is recorded at most once per <see cref="BoardKey.UseRecordedEvery"/>, with a conditional write
/// whose failure only means another request recorded it first.
/// </summary>
public sealed partial class IdentifyBoardKey(IBoardKeyStore keys, TimeProvider time, ILogger<IdentifyBoardKey> logger)
{
    /// <summary>The key's board and id; null when the key opens nothing.</summary>
    public async Task<IdentifiedBoardKey?> HandleAsync(string? key, CancellationToken cancellationToken)
    {
        if (!BoardKeyText.TryParse(key, out var bestuursnummer, out var id))
        {
            return null;
        }

        var stored = await keys.GetAsync(bestuursnummer, id, cancellationToken);
        if (stored is null || stored.Value.IsRevoked || !BoardKeyText.Matches(key, stored.Value.Hash))
        {
            return null;
        }

        if (stored.Value.Used(time.GetUtcNow()) is { } used && await keys.TryReplaceAsync(stored, used, cancellationToken) is null)
        {
            LogUseNotRecorded(logger, bestuursnummer.Value, id);
        }

        return new IdentifiedBoardKey(bestuursnummer, id);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The use of key {KeyId} of board {Bestuursnummer} was not recorded: the key changed in between")]
    private static partial void LogUseNotRecorded(ILogger logger, string bestuursnummer, string keyId);
}

/// <summary>The board a key opens, and the key's id (for the history: which key acted).</summary>
public sealed record IdentifiedBoardKey(Bestuursnummer Bestuursnummer, string Id);
