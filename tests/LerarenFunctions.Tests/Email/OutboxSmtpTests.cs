using System.Globalization;
using System.Text;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Email;
using LerarenFunctions.Core.Reminders;
using LerarenFunctions.Functions;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Infrastructure.Storage.Tables;
using LerarenFunctions.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace LerarenFunctions.Tests.Email;

/// <summary>
/// The outbox end to end on the worker's composition: Azurite, the worker's functions, and a real SMTP server that
/// receives what is sent, refuses on request, and shows nothing is sent twice.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class OutboxSmtpTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private SmtpSink _smtp = null!;
    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpSink.StartAsync();
        _host = await WorkerHost.StartAsync(azurite.ConnectionString, new Uri("http://127.0.0.1:1/"), new Dictionary<string, string?>
        {
            ["Email:Host"] = SmtpSink.Host,
            ["Email:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Outbox:RetryBaseDelay"] = "00:00:01",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task SetContactPerson_DeliversOneConfirmationOverSmtp_WhenTheQueueMessageComesTwiceAndTheServerRefusedOnce()
    {
        var board = await AddBoardAsync("10084");
        // Other tests of the shared Azurite leave e-mails on the queue (theirs fail against no server); the refusal is for this one.
        await azurite.Clients.Queues.GetQueueClient(StorageNames.EmailQueue).ClearMessagesAsync();
        _smtp.RefuseNext(1);

        var put = await _host.Function<SetContactPersonFunction>().Run(
            Request("""{"naam": "I. Inbox", "emailadres": "i.inbox@voorbeeld.example"}"""), board, CancellationToken.None);
        await DrainAsync(deleteMessages: false);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await DrainAsync(deleteMessages: false);
        await DrainAsync(deleteMessages: true);

        Assert.Equal(StatusCodes.Status200OK, Assert.IsAssignableFrom<IStatusCodeHttpResult>(put).StatusCode);
        var message = Assert.Single(_smtp.Messages, m => m.To.ToString().Contains("i.inbox@voorbeeld.example", StringComparison.Ordinal));
        Assert.Equal("U bent contactpersoon voor de gegevenslevering aan het lerarenregister", message.Subject);
        Assert.StartsWith($"{board}-{Notifications.ContactPersonConfirmed}-", message.MessageId, StringComparison.Ordinal);
        Assert.Contains("Beste I. Inbox,", message.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, _smtp.Refused);
        var stored = await _host.Services.GetRequiredService<IOutboxStore>().GetAsync(message.MessageId!.Split('@')[0], CancellationToken.None);
        Assert.Equal((OutboxStatus.Verzonden, 2, ""), (stored!.Value.Status, stored.Value.Attempts, stored.Value.Text));
    }

    [Fact]
    public async Task SendReminders_DeliversOneReminderOverSmtp_WhenTheTimerFiresTwice()
    {
        // A board of long ago, on a clock of long ago: the boards other tests of this storage add today are not due then.
        var imported = new DateTimeOffset(2001, 1, 1, 8, 0, 0, TimeSpan.Zero);
        var board = new Board
        {
            Bestuursnummer = Bestuursnummer.Parse("10086"),
            Naam = "Stichting Herinnering",
            EmailAdres = EmailAddress.TryParse("bestuur10086@voorbeeld.example", out var address) ? address : null,
            Sectors = [Sector.Po],
            ImportedAt = imported,
            ChangedAt = imported,
        };
        await new TableBoardStore(azurite.Clients).TryAddAsync(board, new BoardChange(board.Bestuursnummer, imported, "test", BoardChange.Bestuur, null, board.Describe()), CancellationToken.None);
        await azurite.Clients.Queues.GetQueueClient(StorageNames.EmailQueue).ClearMessagesAsync();
        var reminders = ActivatorUtilities.CreateInstance<SendReminders>(_host.Services, new FakeTimeProvider(imported.AddDays(14)));

        var first = await reminders.HandleAsync(CancellationToken.None);
        var second = await reminders.HandleAsync(CancellationToken.None);
        await DrainAsync(deleteMessages: true);

        Assert.Equal((1, 0), (first.Queued, second.Due));
        var message = Assert.Single(_smtp.Messages, m => m.To.ToString().Contains("bestuur10086@voorbeeld.example", StringComparison.Ordinal));
        Assert.Equal("Herinnering: geef een contactpersoon op voor het lerarenregister", message.Subject);
        Assert.Equal($"10086-herinnering-geen-contactpersoon-{DueReminders.InvitationPeriod}-1@lerarenfunctions", message.MessageId);
        Assert.Contains("Dit is herinnering 1 van 4.", message.TextBody, StringComparison.Ordinal);
        var record = await _host.Services.GetRequiredService<IReminderStore>().GetAsync(board.Bestuursnummer, ReminderRule.NoContactPerson, CancellationToken.None);
        Assert.Equal((1, new DateOnly(2001, 1, 15)), (record!.Value.Count, record.Value.LastSentOn));
    }

    /// <summary>Plays the e-mail queue trigger; with <paramref name="deleteMessages"/> false a message comes back, as after a crash.</summary>
    private async Task DrainAsync(bool deleteMessages)
    {
        var queue = azurite.Clients.Queues.GetQueueClient(StorageNames.EmailQueue);
        var function = _host.Function<SendEmailFunction>();
        while ((await queue.ReceiveMessagesAsync(maxMessages: 32, visibilityTimeout: TimeSpan.FromSeconds(1))).Value is { Length: > 0 } messages)
        {
            foreach (var message in messages)
            {
                await function.Run(message.MessageText, CancellationToken.None);
                if (deleteMessages)
                {
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
            }

            if (!deleteMessages)
            {
                return;
            }
        }
    }

    private async Task<string> AddBoardAsync(string number)
    {
        var board = new Board { Bestuursnummer = Bestuursnummer.Parse(number), Naam = "Stichting Smtp", Sectors = [Sector.Po], ImportedAt = DateTimeOffset.UtcNow, ChangedAt = DateTimeOffset.UtcNow };
        await new TableBoardStore(azurite.Clients).TryAddAsync(board, new BoardChange(board.Bestuursnummer, board.ImportedAt, "test", BoardChange.Bestuur, null, board.Describe()), CancellationToken.None);
        return number;
    }

    private static HttpRequest Request(string body)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = $"Bearer {TestKeys.Operator}";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return context.Request;
    }
}
