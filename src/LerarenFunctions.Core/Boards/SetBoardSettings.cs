using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Boards;

/// <summary>An operator sets a board's own deadline, koploper flag or professioneel statuut; written with its history entry.</summary>
public sealed class SetBoardSettings(IBoardStore boards, TimeProvider time)
{
    public const string Onderdeel = "instellingen";

    public async Task<BoardSettingsResult> HandleAsync(Bestuursnummer bestuursnummer, BoardSettingsInput input, string door, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var stored = await boards.GetAsync(bestuursnummer, cancellationToken);
        if (stored is null)
        {
            return new BoardSettingsResult(BoardSettingsOutcome.UnknownBoard, null, null);
        }

        string? error = null;
        var written = await boards.UpdateAsync(bestuursnummer, stored, board =>
        {
            if (board is null)
            {
                return null;
            }

            (var settings, error) = input.ApplyTo(board.Settings);
            var now = time.GetUtcNow();
            return settings is not null && board.WithSettings(settings, now) is { } next
                ? (next, new BoardChange(bestuursnummer, now, door, Onderdeel, board.Settings.Describe(), settings.Describe()))
                : null;
        }, cancellationToken);

        return error is not null
            ? new BoardSettingsResult(BoardSettingsOutcome.Invalid, null, error)
            : written is null
                ? new BoardSettingsResult(BoardSettingsOutcome.Unchanged, stored.Value.Settings, null)
                : new BoardSettingsResult(BoardSettingsOutcome.Saved, written.Value.Settings, null);
    }
}

public enum BoardSettingsOutcome
{
    Saved,
    Unchanged,
    Invalid,
    UnknownBoard,
}

public sealed record BoardSettingsResult(BoardSettingsOutcome Outcome, BoardSettings? Settings, string? Error);
