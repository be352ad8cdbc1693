using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Boards;

/// <summary>
/// A key an operator issued to one board: it opens that board's routes and no others. Only the hash of the key is
/// stored; the key itself is shown once, when it is issued. A key is revoked, never deleted, so its use stays on record.
/// Each change returns null when nothing changes, so a caller writes only for a real change.
/// </summary>
/// <param name="Id">The key's id: part of the key, shown in listings, the handle to revoke it by.</param>
/// <param name="Bestuursnummer">The board the key opens.</param>
/// <param name="Hash">SHA-256 of the whole key, as lower-case hex.</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="LastUsedAt">When it last opened a route, to within <see cref="UseRecordedEvery"/>; null when never.</param>
/// <param name="RevokedAt">When it was revoked; null while it opens the board's routes.</param>
public sealed record BoardKey(
    string Id,
    Bestuursnummer Bestuursnummer,
    string Hash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt = null,
    DateTimeOffset? RevokedAt = null)
{
    /// <summary>
    /// How often a key's use is written: a board's client may call many times a minute, and a write per call would
    /// cost more than the request. The last use is known to within this span.
    /// </summary>
    public static readonly TimeSpan UseRecordedEvery = TimeSpan.FromMinutes(5);

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>The key revoked at <paramref name="now"/>; null when it was revoked before.</summary>
    public BoardKey? Revoke(DateTimeOffset now) => IsRevoked ? null : this with { RevokedAt = now };

    /// <summary>
    /// The key with its use at <paramref name="now"/>; null when it is revoked or its last recorded use is less than
    /// <see cref="UseRecordedEvery"/> ago.
    /// </summary>
    public BoardKey? Used(DateTimeOffset now) =>
        IsRevoked || (LastUsedAt is { } last && now - last < UseRecordedEvery) ? null : this with { LastUsedAt = now };

    /// <summary>What a listing shows of the key: never the key, nor its hash.</summary>
    public BoardKeyView ToView() => new(Id, CreatedAt, LastUsedAt, RevokedAt);
}

/// <summary>A board key as operators see it in a listing (the contract's Dutch names).</summary>
public sealed record BoardKeyView(string SleutelId, DateTimeOffset AangemaaktOp, DateTimeOffset? LaatstGebruiktOp, DateTimeOffset? IngetrokkenOp);
