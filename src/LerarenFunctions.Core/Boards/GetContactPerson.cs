using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Boards;

/// <summary>A board's contact persons; null for an unknown board.</summary>
public sealed class GetContactPerson(IBoardStore boards)
{
    public async Task<ContactPersonsView?> HandleAsync(Bestuursnummer bestuursnummer, CancellationToken cancellationToken) =>
        await boards.GetAsync(bestuursnummer, cancellationToken) is { } stored ? ContactPersonsView.Of(stored.Value) : null;
}

/// <summary>A board's history, newest first: who changed what, when.</summary>
public sealed class GetBoardHistory(IBoardStore boards)
{
    public IAsyncEnumerable<BoardChange> HandleAsync(Bestuursnummer bestuursnummer, CancellationToken cancellationToken) =>
        boards.ListHistoryAsync(bestuursnummer, cancellationToken);
}
