using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Boards;

/// <summary>A board's keys, oldest first, revoked ones too: ids and dates, never a key or its hash. Null for an unknown board.</summary>
public sealed class ListBoardKeys(IBoardStore boards, IBoardKeyStore keys)
{
    public async Task<IReadOnlyList<BoardKeyView>?> HandleAsync(Bestuursnummer bestuursnummer, CancellationToken cancellationToken)
    {
        if (await boards.GetAsync(bestuursnummer, cancellationToken) is null)
        {
            return null;
        }

        var listed = new List<BoardKey>();
        await foreach (var key in keys.ListAsync(bestuursnummer, cancellationToken))
        {
            listed.Add(key.Value);
        }

        return [.. listed.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal).Select(k => k.ToView())];
    }
}
