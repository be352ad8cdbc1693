using System.Globalization;
using Azure.Data.Tables;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Infrastructure.Storage.Tables;

namespace LerarenFunctions.Infrastructure.Access;

/// <summary>
/// The pages' sessions in table <see cref="StorageNames.SessionsTable"/>: partition = the UTC date the session expires
/// (<c>jjjjMMdd</c>), row key = SHA-256 of the cookie's random part (the cookie itself is never stored). A session is
/// one point read; the expired ones are the partitions before today, one range query.
/// </summary>
public sealed class TablePageSessionStore(StorageClients clients)
{
    /// <summary>The format of a partition: the UTC date its sessions expire.</summary>
    public const string DateFormat = "yyyyMMdd";

    private readonly TableClient _table = clients.Tables.GetTableClient(StorageNames.SessionsTable);

    /// <summary>Adds a new session; false when one with the same key exists (a random collision: draw again).</summary>
    public async Task<bool> TryAddAsync(PageSessionRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        return await TableRows.TryAsync(() => _table.AddEntityAsync(ToEntity(row), cancellationToken)) is not null;
    }

    /// <summary>The session of <paramref name="expiryDate"/> whose random part hashes to <paramref name="hash"/>; null when none.</summary>
    public async Task<PageSessionRow?> GetAsync(string expiryDate, string hash, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(expiryDate, hash, cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    /// <summary>Removes a session, if it is there.</summary>
    public Task DeleteAsync(string expiryDate, string hash, CancellationToken cancellationToken) =>
        TableRows.DeleteIfExistsAsync(_table, expiryDate, hash, cancellationToken);

    /// <summary>
    /// Removes every session of a partition before <paramref name="today"/> (UTC): each expired at the latest at the end
    /// of its partition's day. One range query over those partitions, which hold only what is left to remove.
    /// </summary>
    public Task DeleteExpiredAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var before = Partition(today);
        return TableRows.DeleteAllAsync(_table, e => e.PartitionKey.CompareTo(before) < 0, cancellationToken);
    }

    /// <summary>The partition of the sessions that expire on <paramref name="date"/> (UTC).</summary>
    public static string Partition(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(PageSessionRow row) => new(row.ExpiryDate, row.Hash)
    {
        ["Wie"] = row.Who,
        ["SleutelId"] = row.KeyId,
        ["Csrf"] = row.Csrf,
        ["VerlooptOp"] = row.ExpiresAt,
    };

    private static PageSessionRow FromEntity(TableEntity e) => new(
        e.PartitionKey,
        e.RowKey,
        e.GetString("Wie") ?? "",
        e.GetString("SleutelId"),
        e.GetString("Csrf") ?? "",
        e.GetDateTimeOffset("VerlooptOp") ?? DateTimeOffset.MinValue);
}

/// <summary>A stored session: its keys, who it is for, the board key it was opened with, its antiforgery token and expiry.</summary>
/// <param name="ExpiryDate">The partition: the UTC date of <paramref name="ExpiresAt"/>, <c>jjjjMMdd</c>.</param>
/// <param name="Hash">The row key: SHA-256 (lower-case hex) of the cookie's random part.</param>
/// <param name="Who">A bestuursnummer, or <see cref="PageSessions.OperatorWho"/>.</param>
/// <param name="KeyId">The id of the board key signed in with; null for the operator.</param>
/// <param name="Csrf">The session's antiforgery token.</param>
/// <param name="ExpiresAt">When the session ends.</param>
public sealed record PageSessionRow(string ExpiryDate, string Hash, string Who, string? KeyId, string Csrf, DateTimeOffset ExpiresAt);
