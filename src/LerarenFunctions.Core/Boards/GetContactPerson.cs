using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Boards;

/// <summary>A board's contact persons; null for an unknown board.</summary>
public sealed class GetContactPerson(IBoardStore boards)
{
    public async Task<ContactPersonsView?> HandleAsync(Bestuursnummer bestuursnummer, CancellationToken cancellationToken) =>
        await boards.GetAsync(bestuursnummer, cancellationToken) is { } stored ? ContactPersonsView.Of(stored.Value) : null;
}
