using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Boards;

/// <summary>
/// An operator issues a key to a board: random, stored only as its hash, and answered once, here. Refused for an
/// unknown board or one that is <c>opgeheven</c>.
/// </summary>
public sealed class IssueBoardKey(IBoardStore boards, IBoardKeyStore keys, TimeProvider time)
{
    public async Task<IssueBoardKeyResult> HandleAsync(Bestuursnummer bestuursnummer, CancellationToken cancellationToken)
    {
        var board = await boards.GetAsync(bestuursnummer, cancellationToken);
        if (board is null)
        {
            return new IssueBoardKeyResult(IssueBoardKeyOutcome.UnknownBoard, null);
        }

        if (board.Value.Status == BoardStatus.Opgeheven)
        {
            return new IssueBoardKeyResult(IssueBoardKeyOutcome.BoardOpgeheven, null);
        }

        // 50 random bits make a board's ids collide next to never; a collision draws again.
        for (var attempt = 0; attempt <= Conflicts.MaxRetries; attempt++)
        {
            var id = BoardKeyText.NewId();
            var text = BoardKeyText.NewKey(bestuursnummer, id);
            var key = new BoardKey(id, bestuursnummer, BoardKeyText.Hash(text), time.GetUtcNow());
            if (await keys.TryAddAsync(key, cancellationToken) is not null)
            {
                return new IssueBoardKeyResult(IssueBoardKeyOutcome.Issued, new IssuedBoardKey(id, text, key.CreatedAt));
            }
        }

        throw new WriteConflictException($"No new key id of board {bestuursnummer} could be added.");
    }
}

public enum IssueBoardKeyOutcome
{
    Issued,
    UnknownBoard,
    BoardOpgeheven,
}

/// <summary>What issuing a key came to: the key (shown this once), or why not.</summary>
public sealed record IssueBoardKeyResult(IssueBoardKeyOutcome Outcome, IssuedBoardKey? Key);

/// <summary>A new key as the operator gets it, the only time the key itself is shown (the contract's Dutch names).</summary>
public sealed record IssuedBoardKey(string SleutelId, string Sleutel, DateTimeOffset AangemaaktOp);
