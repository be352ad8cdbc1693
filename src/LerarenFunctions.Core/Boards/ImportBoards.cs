using System.Collections.Concurrent;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Boards;

/// <summary>
/// Brings the registry up to date with DUO's open-data file of one sector: new boards are added, known ones updated
/// (never duplicated), and a board the file no longer lists is flagged, never deleted — with
/// <c>markOpgeheven</c> it becomes <c>opgeheven</c> once no file of its sectors lists it. Bad rows are reported; the
/// good rows still land. Costs one listing of the registry and a write per board that changed.
/// </summary>
public sealed class ImportBoards(IBoardStore boards, TimeProvider time)
{
    /// <summary>Writes at a time: an import of thousands of boards takes seconds, not minutes.</summary>
    public const int WritesAtOnce = 8;

    public async Task<BoardImportReport> HandleAsync(BoardFile file, Sector sector, bool markOpgeheven, string door, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var known = new Dictionary<Bestuursnummer, Stored<Board>>();
        await foreach (var stored in boards.ListAsync(cancellationToken))
        {
            known[stored.Value.Bestuursnummer] = stored;
        }

        var outcomes = new ConcurrentBag<Outcome>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = WritesAtOnce, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(file.Rows, options, async (row, ct) =>
        {
            var written = await boards.UpdateAsync(row.Bestuursnummer, known.GetValueOrDefault(row.Bestuursnummer), board => Import(board, row, sector, door), ct);
            outcomes.Add(written is null ? Outcome.Unchanged : known.ContainsKey(row.Bestuursnummer) ? Outcome.Updated : Outcome.Added);
        });

        var listed = file.Rows.Select(r => r.Bestuursnummer).ToHashSet();
        var missing = known.Values.Where(s => s.Value.Sectors.Contains(sector) && !listed.Contains(s.Value.Bestuursnummer)).ToList();
        var opgeheven = 0;
        await Parallel.ForEachAsync(missing, options, async (stored, ct) =>
        {
            var written = await boards.UpdateAsync(stored.Value.Bestuursnummer, stored, board => Miss(board, sector, markOpgeheven, door), ct);
            if (written?.Value.Status == BoardStatus.Opgeheven && stored.Value.Status != BoardStatus.Opgeheven)
            {
                Interlocked.Increment(ref opgeheven);
            }
        });

        return new BoardImportReport(
            outcomes.Count(o => o == Outcome.Added),
            outcomes.Count(o => o == Outcome.Updated),
            outcomes.Count(o => o == Outcome.Unchanged),
            [.. missing.Select(s => s.Value.Bestuursnummer.Value).Order(StringComparer.Ordinal)],
            opgeheven,
            file.Errors);
    }

    private (Board, BoardChange)? Import(Board? board, BoardFileRow row, Sector sector, string door)
    {
        var now = time.GetUtcNow();
        var next = board is null ? Board.Imported(row, sector, now) : board.Reimported(row, sector, now);
        return next is null ? null : (next, new BoardChange(row.Bestuursnummer, now, door, BoardChange.Bestuur, board?.Describe(), next.Describe()));
    }

    private (Board, BoardChange)? Miss(Board? board, Sector sector, bool markOpgeheven, string door)
    {
        var now = time.GetUtcNow();
        return board?.Missing(sector, markOpgeheven, now) is { } next
            ? (next, new BoardChange(board.Bestuursnummer, now, door, BoardChange.Bestuur, board.Describe(), next.Describe()))
            : null;
    }

    private enum Outcome
    {
        Added,
        Updated,
        Unchanged,
    }
}

/// <summary>What an import did: counts, the boards the file no longer lists, and the rows it could not use.</summary>
public sealed record BoardImportReport(int Toegevoegd, int Bijgewerkt, int Ongewijzigd, IReadOnlyList<string> Ontbrekend, int OpgehevenGemarkeerd, IReadOnlyList<BoardFileError> Fouten);
