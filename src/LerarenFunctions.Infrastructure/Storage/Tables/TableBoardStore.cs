using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Infrastructure.Storage.Tables;

/// <summary>
/// The board registry: partition <c>besturen</c>, a row <c>bestuur-{bestuursnummer}</c> per board and a row
/// <c>historie-{bestuursnummer}-{newest first}-{guid}</c> per change, each written in one transaction with its change
/// and with an index row <c>historie-tijd-{jjjjMMddHHmmss}-{bestuursnummer}-{newest first}-{guid}</c>, so the entries
/// past their retention are one range of the partition, oldest first (an entry written before that index existed has
/// none, and stays). A board
/// without a contact person also has a copy of its row as <c>zonder-contactpersoon-{bestuursnummer}</c>, written and
/// removed in that same transaction, so the boards without one are one range of the partition and never a read of all
/// boards. A board written before that index existed gets its row at its next write.
/// </summary>
public sealed class TableBoardStore(StorageClients clients) : IBoardStore
{
    private const string Partition = "besturen";
    private const string BoardPrefix = "bestuur-";
    private const string HistoryPrefix = "historie-";
    private const string HistoryIndexPrefix = "historie-tijd-";
    private const string NoContactPrefix = "zonder-contactpersoon-";

    private readonly TableClient _table = clients.Tables.GetTableClient(StorageNames.BoardsTable);

    public async Task<Stored<Board>?> GetAsync(Bestuursnummer bestuursnummer, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, BoardPrefix + bestuursnummer.Value, cancellationToken: cancellationToken);
        return response.HasValue ? new Stored<Board>(BoardRows.ToBoard(response.Value!), response.Value!.ETag.ToString()) : null;
    }

    public Task<Stored<Board>?> TryAddAsync(Board board, BoardChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(board);
        return WriteAsync(board, new TableTransactionAction(TableTransactionActionType.Add, ToEntity(board)), change, hadContactPerson: true, cancellationToken);
    }

    public Task<Stored<Board>?> TryReplaceAsync(Stored<Board> current, Board next, BoardChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        return WriteAsync(next, new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(next), new ETag(current.Version)), change, current.Value.Contactpersoon is not null, cancellationToken);
    }

    public async IAsyncEnumerable<Stored<Board>> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (from, to) = (BoardPrefix, BoardPrefix[..^1] + ".");
        await foreach (var row in _table.QueryAsync<TableEntity>(
            e => e.PartitionKey == Partition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0,
            cancellationToken: cancellationToken))
        {
            yield return new Stored<Board>(BoardRows.ToBoard(row), row.ETag.ToString());
        }
    }

    public async IAsyncEnumerable<Board> ListWithoutContactPersonAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (from, to) = (NoContactPrefix, NoContactPrefix[..^1] + ".");
        await foreach (var row in _table.QueryAsync<TableEntity>(
            e => e.PartitionKey == Partition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0,
            cancellationToken: cancellationToken))
        {
            yield return BoardRows.ToBoard(row);
        }
    }

    public async IAsyncEnumerable<BoardChange> ListHistoryAsync(Bestuursnummer bestuursnummer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var from = $"{HistoryPrefix}{bestuursnummer.Value}-";
        var to = $"{HistoryPrefix}{bestuursnummer.Value}.";
        await foreach (var row in _table.QueryAsync<TableEntity>(
            e => e.PartitionKey == Partition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0,
            cancellationToken: cancellationToken))
        {
            yield return new BoardChange(
                bestuursnummer,
                row.GetDateTimeOffset("Op") ?? DateTimeOffset.UnixEpoch,
                row.GetString("Door") ?? "",
                row.GetString("Onderdeel") ?? "",
                row.GetString("Oud"),
                row.GetString("Nieuw"));
        }
    }

    public async IAsyncEnumerable<BoardHistoryEntry> ListHistoryBeforeAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (at, rest) in TimeKeys.UpToAsync(_table, Partition, HistoryIndexPrefix, before, cancellationToken))
        {
            // {bestuursnummer}-{entry}
            var dash = rest.IndexOf('-', StringComparison.Ordinal);
            yield return new BoardHistoryEntry(Bestuursnummer.Parse(rest[..dash]), at, rest[(dash + 1)..]);
        }
    }

    public async Task DeleteHistoryAsync(BoardHistoryEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var (history, index) = (HistoryKey(entry.Bestuursnummer, entry.Key), HistoryIndexKey(entry.Bestuursnummer, entry.At, entry.Key));
        try
        {
            await _table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, history), ETag.All),
                new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, index), ETag.All),
            ], cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404)
        {
            // One of the two was gone already: the other goes alone, the index row last.
            await TableRows.DeleteIfExistsAsync(_table, Partition, history, cancellationToken);
            await TableRows.DeleteIfExistsAsync(_table, Partition, index, cancellationToken);
        }
    }

    /// <summary>
    /// The board, its history entry and its index row in one transaction: the copy is written whenever the board has no
    /// contact person, and removed when it gets one. Without <paramref name="hadContactPerson"/> the board was in the
    /// index, unless it was written before the index existed: then the removal finds no row, and the write goes again
    /// without it.
    /// </summary>
    private async Task<Stored<Board>?> WriteAsync(Board board, TableTransactionAction write, BoardChange change, bool hadContactPerson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        // The entry's own name among the board's: newest first, then unique.
        var entry = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.MaxValue.UtcTicks - change.At.UtcTicks:D19}-{Guid.NewGuid():N}");
        List<TableTransactionAction> actions =
        [
            write,
            new TableTransactionAction(TableTransactionActionType.Add, ToEntity(change, entry)),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(Partition, HistoryIndexKey(change.Bestuursnummer, change.At, entry))),
        ];
        var unindex = board.Contactpersoon is not null && !hadContactPerson;
        if (board.Contactpersoon is null)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToIndexEntity(board)));
        }
        else if (unindex)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, NoContactPrefix + board.Bestuursnummer.Value), ETag.All));
        }

        try
        {
            var response = await _table.SubmitTransactionAsync(actions, cancellationToken);
            return new Stored<Board>(board, TableRows.Version(response.Value[0]));
        }
        catch (TableTransactionFailedException ex) when (unindex && ex.Status == 404)
        {
            // The index row was not there (or the board is gone: then the write alone answers 404 as well).
            return await WriteAsync(board, write, change, hadContactPerson: true, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return null;
        }
    }

    private static TableEntity ToEntity(Board board) => BoardRows.ToEntity(board, new TableEntity(Partition, BoardPrefix + board.Bestuursnummer.Value));

    /// <summary>The index row of a board without a contact person: a copy of its row, so the index alone shows it.</summary>
    private static TableEntity ToIndexEntity(Board board) => BoardRows.ToEntity(board, new TableEntity(Partition, NoContactPrefix + board.Bestuursnummer.Value));

    private static TableEntity ToEntity(BoardChange change, string entry) => new(Partition, HistoryKey(change.Bestuursnummer, entry))
    {
        ["Op"] = change.At,
        ["Door"] = change.Door,
        ["Onderdeel"] = change.Onderdeel,
        ["Oud"] = change.Oud,
        ["Nieuw"] = change.Nieuw,
    };

    private static string HistoryKey(Bestuursnummer bestuursnummer, string entry) => $"{HistoryPrefix}{bestuursnummer.Value}-{entry}";

    private static string HistoryIndexKey(Bestuursnummer bestuursnummer, DateTimeOffset at, string entry) =>
        TimeKeys.Key(HistoryIndexPrefix, at, $"{bestuursnummer.Value}-{entry}");
}
