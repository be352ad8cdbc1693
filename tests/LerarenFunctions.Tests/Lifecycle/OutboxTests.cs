using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Email;
using LerarenFunctions.Tests.Fakes;

namespace LerarenFunctions.Tests.Lifecycle;

/// <summary>The outbox: written before it is sent, sent once, retried with back-off, given up as a dead letter.</summary>
public sealed class OutboxTests : IDisposable
{
    private readonly CoreHarness _core = new(new()
    {
        ["Outbox:MaxAttempts"] = "3",
        ["Outbox:RetryBaseDelay"] = "00:01:00",
        ["Outbox:RetryMaxDelay"] = "00:10:00",
        ["Outbox:Lease"] = "00:05:00",
        ["Outbox:PickUpAfter"] = "00:02:00",
    });

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task SendEmail_SendsOnceAndKeepsNoBody_WhenQueuedTwiceAndItsMessageComesTwice()
    {
        var message = Message("10053-bevestiging-1");
        Assert.True(await _core.Get<Outbox>().QueueAsync(message, CancellationToken.None));
        Assert.False(await _core.Get<Outbox>().QueueAsync(message with { Subject = "Anders" }, CancellationToken.None));
        var id = Assert.Single(_core.EmailQueue.TakeVisible());

        await _core.Get<SendEmail>().HandleAsync(id, CancellationToken.None);
        await _core.Get<SendEmail>().HandleAsync(id, CancellationToken.None);

        var sent = Assert.Single(_core.Mail.Sent);
        Assert.Equal((message.Id, message.Subject, message.Text), (sent.Id, sent.Subject, sent.Text));
        var stored = Assert.Single(_core.Outbox.All);
        Assert.Equal((OutboxStatus.Verzonden, 1, "", "", _core.Time.GetUtcNow()), (stored.Status, stored.Attempts, stored.Text, stored.Html, stored.SentAt));
    }

    [Fact]
    public async Task SendEmail_TriesAgainAfterItsBackOff_WhenTheMailServerRefusesTwice()
    {
        _core.Mail.RefuseNext = 2;
        await _core.Get<Outbox>().QueueAsync(Message("10053-terugmelding-1"), CancellationToken.None);

        await _core.SendVisibleEmailsAsync();
        Assert.Equal("451 4.3.0 Mail server temporarily unavailable", _core.Outbox.All[0].LastError);
        _core.Time.Advance(TimeSpan.FromMinutes(1));
        await _core.SendVisibleEmailsAsync();
        _core.Time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await _core.SendVisibleEmailsAsync());
        _core.Time.Advance(TimeSpan.FromSeconds(1));
        await _core.SendVisibleEmailsAsync();

        Assert.Single(_core.Mail.Sent);
        Assert.Equal((OutboxStatus.Verzonden, 3), (_core.Outbox.All[0].Status, _core.Outbox.All[0].Attempts));
    }

    [Fact]
    public async Task SendEmail_GivesUpAsADeadLetterOperatorsSee_WhenEveryAttemptFails()
    {
        _core.Mail.RefuseNext = int.MaxValue;
        await _core.Get<Outbox>().QueueAsync(Message("10053-herinnering-1"), CancellationToken.None);

        for (var i = 0; i < 10; i++)
        {
            await _core.SendVisibleEmailsAsync();
            await _core.Get<CheckOutbox>().HandleAsync(CancellationToken.None);
            _core.Time.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.Empty(_core.Mail.Sent);
        var failed = Assert.Single(await _core.Outbox.ListFailedAsync(CancellationToken.None).ToListAsync());
        Assert.Equal((OutboxStatus.Mislukt, 3), (failed.Status, failed.Attempts));
        Assert.Equal(0, _core.EmailQueue.Count);
    }

    [Fact]
    public async Task SendEmail_GivesUpAtOnce_WhenTheMailServerRefusesTheRecipientForGood()
    {
        _core.Mail.RejectNext = 1;
        await _core.Get<Outbox>().QueueAsync(Message("10053-herinnering-2"), CancellationToken.None);

        await _core.SendVisibleEmailsAsync();
        _core.Time.Advance(TimeSpan.FromHours(1));
        await _core.Get<CheckOutbox>().HandleAsync(CancellationToken.None);
        await _core.SendVisibleEmailsAsync();

        Assert.Empty(_core.Mail.Sent);
        var failed = Assert.Single(await _core.Outbox.ListFailedAsync(CancellationToken.None).ToListAsync());
        Assert.Equal((OutboxStatus.Mislukt, 1, "550 5.1.1 mailbox unavailable"), (failed.Status, failed.Attempts, failed.LastError));
        Assert.Equal(0, _core.EmailQueue.Count);
    }

    [Fact]
    public async Task CheckOutbox_QueuesAgainOnce_WhenTheQueueMessageGotLost()
    {
        await _core.Get<Outbox>().QueueAsync(Message("10053-verloren-1"), CancellationToken.None);
        _ = _core.EmailQueue.TakeVisible();

        _core.Time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await _core.Get<CheckOutbox>().HandleAsync(CancellationToken.None));
        _core.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await _core.Get<CheckOutbox>().HandleAsync(CancellationToken.None));
        await _core.SendVisibleEmailsAsync();

        Assert.Single(_core.Mail.Sent);
        Assert.Equal(0, await _core.Get<CheckOutbox>().HandleAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SendEmail_SendsOnce_WhenTwoAttemptsRunAtOnce()
    {
        await _core.Get<Outbox>().QueueAsync(Message("10053-tegelijk-1"), CancellationToken.None);
        var id = Assert.Single(_core.EmailQueue.TakeVisible());
        _core.Mail.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = _core.Get<SendEmail>().HandleAsync(id, CancellationToken.None);
        await Eventually(() => _core.Outbox.All[0].LeaseUntil is not null);
        await _core.Get<SendEmail>().HandleAsync(id, CancellationToken.None);
        _core.Mail.Hold.SetResult();
        await first;

        Assert.Single(_core.Mail.Sent);
    }

    [Fact]
    public async Task SendEmail_SendsAgainAfterTheLease_WhenTheHostDiedMidSend()
    {
        await _core.Get<Outbox>().QueueAsync(Message("10053-gestorven-1"), CancellationToken.None);
        var id = Assert.Single(_core.EmailQueue.TakeVisible());
        using var died = new CancellationTokenSource();
        _core.Mail.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dying = _core.Get<SendEmail>().HandleAsync(id, died.Token);
        await Eventually(() => _core.Outbox.All[0].LeaseUntil is not null);
        await died.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dying);
        _core.Mail.Hold = null;

        _core.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        await _core.Get<CheckOutbox>().HandleAsync(CancellationToken.None);
        Assert.Equal(0, await _core.SendVisibleEmailsAsync());
        _core.Time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        await _core.Get<CheckOutbox>().HandleAsync(CancellationToken.None);
        await _core.SendVisibleEmailsAsync();

        Assert.Single(_core.Mail.Sent);
        Assert.Equal((OutboxStatus.Verzonden, 2), (_core.Outbox.All[0].Status, _core.Outbox.All[0].Attempts));
    }

    private OutboxMessage Message(string id) => new()
    {
        Id = id,
        Bestuursnummer = Bestuursnummer.Parse("10053"),
        Soort = "test",
        To = EmailAddress.TryParse("contact@voorbeeld.example", out var to) ? to : throw new InvalidOperationException(),
        ToName = "C. Contact",
        Subject = "Uw aanlevering",
        Text = "Beste C. Contact,",
        Html = "<p>Beste C. Contact,</p>",
        CreatedAt = _core.Time.GetUtcNow(),
    };

    private static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
