using System.Text;
using System.Text.RegularExpressions;
using LerarenFunctions.Core.Email;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace LerarenFunctions.Infrastructure.Email;

/// <summary>
/// Hands e-mails to the SMTP server of <see cref="EmailOptions"/> with MailKit. Each send connects, logs in, sends and
/// disconnects with a client of its own: at a few hundred e-mails a day a kept connection saves nothing worth its
/// cost (the relay closes idle connections, a shared client needs a lock and reconnect logic, and a broken one would
/// fail the next send too).
/// </summary>
public sealed partial class SmtpEmailSender(IOptions<EmailOptions> options, TimeProvider time, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    /// <summary>The right-hand side of every Message-ID, so a copy sent again after a crash has the same one.</summary>
    public const string MessageIdDomain = "lerarenfunctions";

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var mime = ToMime(message, o, time.GetUtcNow());
        var domain = message.To.Domain;
        var host = o.Host?.Trim() ?? throw new InvalidOperationException("The setting 'Email:Host' is missing.");

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(o.Timeout);
        using var client = new SmtpClient { Timeout = (int)o.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(host, o.Port, ToSocketOptions(o.Security), deadline.Token);
            if (o.Username is { Length: > 0 } username)
            {
                // Validation makes the password go with the username.
                await client.AuthenticateAsync(username, o.Password ?? string.Empty, deadline.Token);
            }

            await client.SendAsync(mime, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Our own deadline, not the caller's shutdown: a failed attempt, to be retried.
            throw new TimeoutException($"The mail server {host}:{o.Port} did not take e-mail {message.Id} within {o.Timeout}.");
        }
        catch (SmtpCommandException ex)
        {
            LogRefused(logger, message.Id, (int)ex.StatusCode, domain);

            // The server's text often repeats the recipient's address; the caller stores and logs this message, so it
            // gets the text with addresses masked and no inner exception that would carry them in full.
            throw new EmailRefusedException(
                (int)ex.StatusCode,
                IsPermanent(ex),
                $"The mail server refused e-mail {message.Id} ({ex.ErrorCode}): {(int)ex.StatusCode} {MaskAddresses(ex.Message)}");
        }

        LogSent(logger, message.Id, domain);
        try
        {
            await client.DisconnectAsync(quit: true, deadline.Token);
        }
        catch (Exception)
        {
            // The server has accepted the message: a failed goodbye must not make the caller send it again.
        }
    }

    private static MimeMessage ToMime(EmailMessage message, EmailOptions options, DateTimeOffset now)
    {
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            MessageId = $"{ToMessageIdLocalPart(message.Id)}@{MessageIdDomain}",
            Date = now,
        };
        mime.From.Add(new MailboxAddress(options.FromName, options.From.Value));
        mime.To.Add(new MailboxAddress(message.ToName, message.To.Value));
        var body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html };
        mime.Body = body.ToMessageBody();
        return mime;
    }

    /// <summary>
    /// <paramref name="id"/> as the left part of a Message-ID (RFC 5322 dot-atom): as it is when it fits, which outbox ids
    /// do; otherwise every character that does not fit, and '=' itself, becomes =XX per UTF-8 byte. Deterministic and
    /// reversible, so another id never gets the same Message-ID and the same id always does.
    /// </summary>
    private static string ToMessageIdLocalPart(string id)
    {
        var result = new StringBuilder(id.Length);
        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            var fits = char.IsAsciiLetterOrDigit(c)
                || (c != '=' && "!#$%&'*+-/?^_`{|}~".Contains(c, StringComparison.Ordinal))
                || (c == '.' && i > 0 && i < id.Length - 1 && id[i - 1] != '.');
            if (fits)
            {
                result.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < id.Length ? 2 : 1;
            foreach (var b in Encoding.UTF8.GetBytes(id.ToCharArray(i, length)))
            {
                result.Append('=').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }

            i += length - 1;
        }

        return result.Length == 0 ? "=" : result.ToString();
    }

    private static SecureSocketOptions ToSocketOptions(EmailSecurity security) => security switch
    {
        EmailSecurity.None => SecureSocketOptions.None,
        EmailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };

    /// <summary>
    /// Replaces the local part of every e-mail address in <paramref name="text"/> with <c>***</c>, keeping the domain:
    /// for a mail server's words that go to a log.
    /// </summary>
    public static string MaskAddresses(string text) => AddressPattern().Replace(text, "***@${domain}");

    [GeneratedRegex(@"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")]
    private static partial Regex AddressPattern();

    /// <summary>A 5xx answer to the recipient or the message: the same e-mail would be refused again.</summary>
    private static bool IsPermanent(SmtpCommandException ex) =>
        (int)ex.StatusCode is >= 500 and < 600 && ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail {EmailId} was accepted by the mail server for a recipient at {RecipientDomain}")]
    private static partial void LogSent(ILogger logger, string emailId, string recipientDomain);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {EmailId} was refused by the mail server with {StatusCode} for a recipient at {RecipientDomain}")]
    private static partial void LogRefused(ILogger logger, string emailId, int statusCode, string recipientDomain);
}
