using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Email;
using LerarenFunctions.Tests.Fakes;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Lifecycle;

/// <summary>Who hears what by e-mail: a new contact person, the previous one, and the contact person of a delivery.</summary>
public sealed class NotificationTests : IDisposable
{
    private static readonly Bestuursnummer Board = Bestuursnummer.Parse("10053");

    private readonly CoreHarness _core = new(new() { ["Ondersteuning:Telefoon"] = "0800-0000000", ["Ondersteuning:Email"] = "helpdesk@voorbeeld.example" });

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task SetContactPerson_ConfirmsToTheNewAndTellsThePrevious_WhenTheContactPersonChanges()
    {
        await AddBoardAsync();
        await SetAsync("A. de Vries", "a.devries@voorbeeld.example");
        _core.Time.Advance(TimeSpan.FromDays(2));
        await SetAsync("B. Jansen", "b.jansen@voorbeeld.example");
        await SetAsync("B. Jansen", "b.jansen@voorbeeld.example");

        await _core.SendVisibleEmailsAsync();

        Assert.Equal(
            [("a.devries@voorbeeld.example", Notifications.ContactPersonConfirmed), ("a.devries@voorbeeld.example", Notifications.ContactPersonReplaced), ("b.jansen@voorbeeld.example", Notifications.ContactPersonConfirmed)],
            _core.Outbox.All.OrderBy(m => m.CreatedAt).ThenBy(m => m.Soort, StringComparer.Ordinal).Select(m => (m.To.Value, m.Soort)));
        var confirmation = _core.Mail.Sent.Single(m => m.To.Value == "b.jansen@voorbeeld.example");
        Assert.Contains("Beste B. Jansen,", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains("Stichting Test (bestuursnummer 10053) heeft u op 2 december 2026 vastgelegd", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains("Helpdesk Lerarenregister, telefoon 0800-0000000, e-mail helpdesk@voorbeeld.example.", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains("VO-raad", confirmation.Html, StringComparison.Ordinal);
        Assert.Contains("<p>Beste B. Jansen,</p>", confirmation.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliveries_TellTheContactPersonTwiceWithoutABsn_WhenValidatedAndForwarded()
    {
        await AddBoardAsync();
        await SetAsync("C. Contact", "c.contact@voorbeeld.example");
        await _core.SendVisibleEmailsAsync();

        var id = await _core.DeliverAsync("10053/leraren-123456782.csv", SyntheticData.TeacherCsv("10053", rows: 25, seed: 151));
        await _core.ForwardVisibleAsync();
        await _core.SendVisibleEmailsAsync();

        var mails = _core.Mail.Sent.Where(m => m.Id.StartsWith(id, StringComparison.Ordinal)).ToList();
        Assert.Equal([$"{id}-{Notifications.DeliveryValidated}", $"{id}-{Notifications.DeliveryCompleted}"], mails.Select(m => m.Id));
        Assert.Contains("Regels: 25, goedgekeurd: 25, afgekeurd: 0", mails[0].Text, StringComparison.Ordinal);
        Assert.Contains("Geregistreerd: 25", mails[1].Text, StringComparison.Ordinal);
        foreach (var bsn in SyntheticData.Bsns(seed: 151).Take(25).Append("123456782"))
        {
            Assert.All(mails, m => Assert.DoesNotContain(bsn, m.Text + m.Html + m.Subject, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Deliveries_TellTheContactPersonAgain_WhenRowsThatFailedAreRegisteredAfterAll()
    {
        await AddBoardAsync();
        await SetAsync("C. Contact", "c.contact@voorbeeld.example");
        var id = await _core.DeliverAsync("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 5, seed: 153));
        var message = Assert.Single(_core.Queue.TakeVisible());
        await _core.Get<DeadLetterBatch>().HandleAsync(message, CancellationToken.None);
        await _core.SendVisibleEmailsAsync();

        Assert.Equal(ReplayOutcome.Queued, await _core.Get<ReplayDeadLetter>().HandleAsync(id, 1, CancellationToken.None));
        await _core.ForwardVisibleAsync();
        await _core.SendVisibleEmailsAsync();

        var completed = _core.Mail.Sent.Where(m => m.Id.StartsWith($"{id}-{Notifications.DeliveryCompleted}", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, completed.Count);
        Assert.Contains("Mislukt: 5", completed[0].Text, StringComparison.Ordinal);
        Assert.Contains("Geregistreerd: 5", completed[1].Text, StringComparison.Ordinal);
        Assert.Contains("Mislukt: 0", completed[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliveries_SendNothing_WhenTheBoardHasNoContactPerson()
    {
        await AddBoardAsync();

        await _core.DeliverAsync("10053/proef/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 5, seed: 152));
        await _core.SendVisibleEmailsAsync();

        Assert.Empty(_core.Outbox.All);
    }

    private async Task SetAsync(string naam, string email)
    {
        // The board lookup keeps a read for a minute; a contact person change is for the next minute's deliveries.
        var result = await _core.Get<SetContactPerson>().HandleAsync(Board, new ContactPersonInput(naam, null, email, null), null, "test", CancellationToken.None);
        Assert.Contains(result.Outcome, new[] { ContactPersonOutcome.Saved, ContactPersonOutcome.Unchanged });
        _core.Time.Advance(BoardLookup.FreshFor);
    }

    private async Task AddBoardAsync()
    {
        var board = new Board { Bestuursnummer = Board, Naam = "Stichting Test", Sectors = [Sector.Vo], ImportedAt = _core.Time.GetUtcNow(), ChangedAt = _core.Time.GetUtcNow() };
        await _core.Boards.TryAddAsync(board, new BoardChange(Board, board.ImportedAt, "test", BoardChange.Bestuur, null, board.Describe()), CancellationToken.None);
    }
}
