using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Email;

namespace LerarenFunctions.Core.Boards;

/// <summary>
/// A board names its contact person (and optionally a deputy): checked, written with its history entry (who, when,
/// what it was), and refused for an unknown board or one that is <c>opgeheven</c>. The new contact person gets a
/// confirmation by e-mail, the previous one a notice.
/// </summary>
public sealed class SetContactPerson(IBoardStore boards, Notifications notifications, TimeProvider time)
{
    public async Task<ContactPersonResult> HandleAsync(
        Bestuursnummer bestuursnummer, ContactPersonInput primary, ContactPersonInput? deputy, string door, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(primary);
        var (person, errors) = primary.Check();
        var (deputyPerson, deputyErrors) = deputy?.Check("plaatsvervanger.") ?? (null, []);
        if (errors.Count + deputyErrors.Count > 0)
        {
            return ContactPersonResult.Invalid([.. errors, .. deputyErrors]);
        }

        var stored = await boards.GetAsync(bestuursnummer, cancellationToken);
        if (stored is null)
        {
            return new ContactPersonResult(ContactPersonOutcome.UnknownBoard, null, []);
        }

        ContactPersonOutcome? refused = null;
        Board? before = null;
        var written = await boards.UpdateAsync(bestuursnummer, stored, board =>
        {
            before = board;
            refused = board is null ? ContactPersonOutcome.UnknownBoard : board.Status == BoardStatus.Opgeheven ? ContactPersonOutcome.BoardOpgeheven : null;
            if (board is null || refused is not null)
            {
                return null;
            }

            var now = time.GetUtcNow();
            return board.WithContactPersons(person!, deputyPerson, now) is { } next
                ? (next, Change(board, next, door, now))
                : null;
        }, cancellationToken);

        if (refused is { } outcome)
        {
            return new ContactPersonResult(outcome, null, []);
        }

        if (written is null)
        {
            return new ContactPersonResult(ContactPersonOutcome.Unchanged, ContactPersonsView.Of(stored.Value), []);
        }

        await notifications.ContactPersonChangedAsync(before!, written.Value, cancellationToken);
        return new ContactPersonResult(ContactPersonOutcome.Saved, ContactPersonsView.Of(written.Value), []);
    }

    /// <summary>One entry for the contact person; the deputy's change is told along in the same entry's text.</summary>
    private static BoardChange Change(Board before, Board after, string door, DateTimeOffset now)
    {
        var onderdeel = before.Contactpersoon == after.Contactpersoon ? BoardChange.Plaatsvervanger : BoardChange.Contactpersoon;
        return new BoardChange(after.Bestuursnummer, now, door, onderdeel, Describe(before), Describe(after));
    }

    private static string? Describe(Board board) => board.Contactpersoon is null
        ? null
        : board.Contactpersoon.Describe() + (board.Plaatsvervanger is { } deputy ? $"; plaatsvervanger: {deputy.Describe()}" : "");
}

public enum ContactPersonOutcome
{
    Saved,
    Unchanged,
    Invalid,
    UnknownBoard,
    BoardOpgeheven,
}

/// <summary>What setting a contact person came to: the board's contact persons as now stored, or why not.</summary>
public sealed record ContactPersonResult(ContactPersonOutcome Outcome, ContactPersonsView? View, IReadOnlyList<FieldError> Errors)
{
    public static ContactPersonResult Invalid(IReadOnlyList<FieldError> errors) => new(ContactPersonOutcome.Invalid, null, errors);
}
