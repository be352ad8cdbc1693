using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Boards;

/// <summary>A board's history, newest first: who changed what, when.</summary>
public sealed class GetBoardHistory(IBoardStore boards)
{
    public IAsyncEnumerable<BoardChange> HandleAsync(Bestuursnummer bestuursnummer, CancellationToken cancellationToken) =>
        boards.ListHistoryAsync(bestuursnummer, cancellationToken);
}
