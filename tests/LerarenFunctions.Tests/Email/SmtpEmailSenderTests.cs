using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Email;
using LerarenFunctions.Infrastructure.Email;
using LerarenFunctions.LocalHost.Development;
using LerarenFunctions.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace LerarenFunctions.Tests.Email;

public sealed class SmtpEmailSenderTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task SendAsync_DeliversHeadersAndBothParts_WhenServerAccepts()
    {
        await using var sink = await SmtpSink.StartAsync();
        var sender = Sender(sink.EmailOptions());

        await sender.SendAsync(Message("herinnering-100001-2026Q1"), CancellationToken.None);

        var received = Assert.Single(await sink.WaitForAsync(m => m.Count == 1, Wait));
        var from = Assert.IsType<MailboxAddress>(Assert.Single(received.From));
        Assert.Equal("Lerarenregister", from.Name);
        Assert.Equal("lerarenregister@voorbeeld.example", from.Address);
        var to = Assert.IsType<MailboxAddress>(Assert.Single(received.To));
        Assert.Equal("Renée Blokzijl-Ëlsmaa", to.Name);
        Assert.Equal("r.blokzijl@school.example", to.Address);
        Assert.Equal("Herinnering: aanlevering van één bestuur ontbreekt (Zoë)", received.Subject);
        Assert.Equal("herinnering-100001-2026Q1@lerarenfunctions", received.MessageId);
        Assert.Equal(Now, received.Date);

        var alternative = Assert.IsType<MultipartAlternative>(received.Body);
        Assert.Equal(2, alternative.Count);
        Assert.Contains("Beste Renée, de aanlevering van één bestuur ontbreekt. Groet, Zoë", received.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>Beste Renée, de aanlevering van <b>één</b> bestuur ontbreekt. Groet, Zoë</p>", received.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ThrowsTransientRefusalWithoutFullAddress_WhenServerAnswers451()
    {
        await using var sink = await SmtpSink.StartAsync();
        var sender = Sender(sink.EmailOptions());
        sink.RefuseNext(1);

        var refused = await Assert.ThrowsAsync<EmailRefusedException>(() => sender.SendAsync(Message("m-1"), CancellationToken.None));

        Assert.Equal(451, refused.StatusCode);
        Assert.False(refused.IsPermanent);
        Assert.Null(refused.InnerException);
        Assert.Contains("m-1", refused.Message, StringComparison.Ordinal);
        // The sink's answer repeats the recipient, as real servers do; the caller stores and logs this message.
        Assert.DoesNotContain("r.blokzijl@school.example", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("***@school.example", refused.Message, StringComparison.Ordinal);
        Assert.Empty(sink.Messages);
    }

    [Fact]
    public async Task SendAsync_ThrowsPermanentRefusal_WhenServerRefusesTheMessageWith554()
    {
        await using var sink = await SmtpSink.StartAsync();
        var sender = Sender(sink.EmailOptions());
        sink.RejectNext(1);

        var refused = await Assert.ThrowsAsync<EmailRefusedException>(() => sender.SendAsync(Message("m-5"), CancellationToken.None));

        Assert.Equal((554, true), (refused.StatusCode, refused.IsPermanent));
        Assert.DoesNotContain("r.blokzijl@school.example", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(sink.Messages);
    }

    [Fact]
    public async Task SendAsync_DeliversWithSameMessageId_WhenSentAgainAfterRefusal()
    {
        await using var sink = await SmtpSink.StartAsync();
        var sender = Sender(sink.EmailOptions());
        sink.RefuseNext(1);
        await Assert.ThrowsAsync<EmailRefusedException>(() => sender.SendAsync(Message("m-2"), CancellationToken.None));

        await sender.SendAsync(Message("m-2"), CancellationToken.None);
        await sender.SendAsync(Message("m-2"), CancellationToken.None);

        var received = await sink.WaitForAsync(m => m.Count == 2, Wait);
        Assert.All(received, m => Assert.Equal("m-2@lerarenfunctions", m.MessageId));
        Assert.Equal(1, sink.Refused);
    }

    [Fact]
    public async Task SendAsync_EncodesMessageId_WhenIdHasCharactersOutsideAMessageId()
    {
        await using var sink = await SmtpSink.StartAsync();
        var sender = Sender(sink.EmailOptions());

        await sender.SendAsync(Message("herinnering:100001 2026=Q1"), CancellationToken.None);
        await sender.SendAsync(Message("herinnering:100001 2026=Q1"), CancellationToken.None);

        var received = await sink.WaitForAsync(m => m.Count == 2, Wait);
        Assert.All(received, m => Assert.Equal("herinnering=3A100001=202026=3DQ1@lerarenfunctions", m.MessageId));
    }

    [Fact]
    public async Task SendAsync_LogsIdAndRecipientDomainOnly_WhenSent()
    {
        await using var sink = await SmtpSink.StartAsync();
        using var capture = new LogCapture();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Trace));
        var sender = new SmtpEmailSender(Options.Create(sink.EmailOptions()), new FakeTimeProvider(Now), loggers.CreateLogger<SmtpEmailSender>());
        sink.RefuseNext(1);

        await Assert.ThrowsAsync<EmailRefusedException>(() => sender.SendAsync(Message("m-3"), CancellationToken.None));
        await sender.SendAsync(Message("m-3"), CancellationToken.None);

        Assert.Equal(2, capture.Lines.Count(l => l.Contains("m-3", StringComparison.Ordinal) && l.Contains("school.example", StringComparison.Ordinal)));
        Assert.DoesNotContain(capture.Lines, l => l.Contains("blokzijl", StringComparison.OrdinalIgnoreCase) || l.Contains("Renée", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_Throws_WhenNoServerListens()
    {
        var options = new EmailOptions { Host = "127.0.0.1", Port = AzuritePorts.FreePort(), Security = EmailSecurity.None, FromAddress = "a@voorbeeld.example" };

        await Assert.ThrowsAnyAsync<Exception>(() => Sender(options).SendAsync(Message("m-4"), CancellationToken.None));
    }

    [Fact]
    public void EmailOptions_FailNamingHost_WhenHostIsMissing()
    {
        var message = ValidationMessage(new() { ["Email:FromAddress"] = "noreply@lerarenregister.example" });

        Assert.Contains("The setting 'Email:Host' is missing", message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmailOptions_FailNamingFromAddress_WhenFromAddressIsInvalid()
    {
        var message = ValidationMessage(new() { ["Email:Host"] = "smtp.azurecomm.net", ["Email:FromAddress"] = "Lerarenregister <noreply@lerarenregister.example>" });

        Assert.Contains("'Email:FromAddress' is not a valid e-mail address", message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmailOptions_FailNamingFromAddress_WhenFromAddressIsMissing()
    {
        var message = ValidationMessage(new() { ["Email:Host"] = "smtp.azurecomm.net" });

        Assert.Contains("The setting 'Email:FromAddress' is missing", message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmailOptions_FailNamingSecurity_WhenNoneToHostElsewhere()
    {
        var message = ValidationMessage(new() { ["Email:Host"] = "smtp.azurecomm.net", ["Email:Security"] = "None", ["Email:FromAddress"] = "noreply@lerarenregister.example" });

        Assert.Contains("'Email:Security'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmailOptions_FailNamingPassword_WhenUsernameHasNoPassword()
    {
        var message = ValidationMessage(new() { ["Email:Host"] = "smtp.azurecomm.net", ["Email:Username"] = "relay-user", ["Email:FromAddress"] = "noreply@lerarenregister.example" });

        Assert.Contains("The setting 'Email:Password' is missing", message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmailOptions_FailNamingPort_WhenPortIsOutOfRange()
    {
        var message = ValidationMessage(new() { ["Email:Host"] = "smtp.azurecomm.net", ["Email:Port"] = "0", ["Email:FromAddress"] = "noreply@lerarenregister.example" });

        Assert.Contains("'Email:Port'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("[::1]")]
    public void EmailOptions_AllowNone_WhenHostIsThisMachine(string host)
    {
        using var services = Services(new() { ["Email:Host"] = host, ["Email:Port"] = "2525", ["Email:Security"] = "None", ["Email:FromAddress"] = "lerarenregister@voorbeeld.example" });

        Assert.Equal(EmailSecurity.None, services.GetRequiredService<IOptions<EmailOptions>>().Value.Security);
    }

    [Fact]
    public void AddLerarenFunctionsEmail_ResolvesSmtpSender_WhenAzureRelayIsConfigured()
    {
        using var services = Services(new()
        {
            ["Email:Host"] = "smtp.azurecomm.net",
            ["Email:Port"] = "587",
            ["Email:Username"] = "relay-user",
            ["Email:Password"] = "relay-secret",
            ["Email:FromAddress"] = "noreply@lerarenregister.example",
        });

        var options = services.GetRequiredService<IOptions<EmailOptions>>().Value;
        Assert.Equal(EmailSecurity.StartTls, options.Security);
        Assert.Equal("Lerarenregister", options.FromName);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        Assert.IsType<SmtpEmailSender>(services.GetRequiredService<IEmailSender>());
    }

    private static SmtpEmailSender Sender(EmailOptions options) =>
        new(Options.Create(options), new FakeTimeProvider(Now), NullLogger<SmtpEmailSender>.Instance);

    private static EmailMessage Message(string id)
    {
        Assert.True(EmailAddress.TryParse("r.blokzijl@school.example", out var to));
        return new EmailMessage(
            id,
            to,
            "Renée Blokzijl-Ëlsmaa",
            "Herinnering: aanlevering van één bestuur ontbreekt (Zoë)",
            "Beste Renée, de aanlevering van één bestuur ontbreekt. Groet, Zoë",
            "<p>Beste Renée, de aanlevering van <b>één</b> bestuur ontbreekt. Groet, Zoë</p>");
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddLerarenFunctionsEmail();
        return services.BuildServiceProvider();
    }

    private static string ValidationMessage(Dictionary<string, string?> settings)
    {
        using var services = Services(settings);
        return Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<EmailOptions>>().Value).Message;
    }
}
