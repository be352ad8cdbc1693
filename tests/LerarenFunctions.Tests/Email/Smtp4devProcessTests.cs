using System.Text.Json;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Email;
using LerarenFunctions.Infrastructure.Email;
using LerarenFunctions.LocalHost.Development;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Tests.Email;

public sealed class Smtp4devProcessTests
{
    [Fact]
    public async Task StartOnFreePortsAsync_ShowsSentEmailInApi_WhenSmtpEmailSenderSends()
    {
        await using var smtp4dev = await Smtp4devProcess.StartOnFreePortsAsync(CancellationToken.None);
        var sender = new SmtpEmailSender(
            Options.Create(new EmailOptions
            {
                Host = "127.0.0.1",
                Port = smtp4dev.Ports.Smtp,
                Security = EmailSecurity.None,
                FromAddress = "lerarenregister@voorbeeld.example",
            }),
            TimeProvider.System,
            NullLogger<SmtpEmailSender>.Instance);
        Assert.True(EmailAddress.TryParse("r.blokzijl@school.example", out var to));
        var subject = $"Aanlevering ontvangen ({Guid.NewGuid():N})";

        await sender.SendAsync(new EmailMessage("m-smtp4dev", to, "Renée", subject, "Beste Renée, één bestand is ontvangen.", "<p>Beste Renée</p>"), CancellationToken.None);

        using var http = new HttpClient { BaseAddress = smtp4dev.Ports.WebUrl };
        var id = await FindAsync(http, subject, smtp4dev);
        var text = await http.GetStringAsync(new Uri($"api/messages/{id}/plaintext", UriKind.Relative));
        Assert.Contains("Beste Renée, één bestand is ontvangen.", text, StringComparison.Ordinal);
    }

    /// <summary>smtp4dev stores a message just after it answered the sender, so the list may lag a moment.</summary>
    private static async Task<string> FindAsync(HttpClient http, string subject, Smtp4devProcess smtp4dev)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            using var page = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/messages?pageSize=5", UriKind.Relative)));
            foreach (var message in page.RootElement.GetProperty("results").EnumerateArray())
            {
                if (message.GetProperty("subject").GetString() == subject)
                {
                    Assert.Equal("r.blokzijl@school.example", Assert.Single(message.GetProperty("to").EnumerateArray()).GetString());
                    Assert.Equal("lerarenregister@voorbeeld.example", message.GetProperty("from").GetString());
                    return message.GetProperty("id").GetString()!;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"smtp4dev did not list the message; its output:{Environment.NewLine}{smtp4dev.Output}");
            await Task.Delay(200);
        }
    }
}
