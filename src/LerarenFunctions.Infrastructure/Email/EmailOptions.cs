using System.ComponentModel.DataAnnotations;
using System.Net;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Infrastructure.Email;

/// <summary>
/// The SMTP server that e-mails are handed to. In Azure this is the Azure Communication Services SMTP relay:
/// <c>Host=smtp.azurecomm.net</c>, <c>Port=587</c>, <c>Security=StartTls</c>, <c>Username</c> the relay's SMTP
/// username (of the Entra application that may send for the Communication Services resource) and <c>Password</c> its
/// client secret (from Key Vault, never in a settings file); <c>FromAddress</c> must be an address of a domain verified
/// in that resource. Locally the LocalHost points it at smtp4dev (<c>LocalSmtp4dev:Start</c>).
/// </summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string SectionName = "Email";

    /// <summary>The SMTP server's host name or IP address, e.g. <c>smtp.azurecomm.net</c>.</summary>
    public string? Host { get; set; }

    /// <summary>The SMTP server's port: 587 for submission with STARTTLS, 465 for TLS from the first byte, 25 plain.</summary>
    [Range(1, 65535, ErrorMessage = "The setting 'Email:Port' must be between {1} and {2}.")]
    public int Port { get; set; } = 25;

    /// <summary>How the connection is encrypted. <see cref="EmailSecurity.None"/> is allowed only to this machine.</summary>
    public EmailSecurity Security { get; set; } = EmailSecurity.StartTls;

    /// <summary>The SMTP login, or empty when the server takes mail without one. Set together with <see cref="Password"/>.</summary>
    public string? Username { get; set; }

    /// <summary>The SMTP login's password or secret. Set together with <see cref="Username"/>.</summary>
    public string? Password { get; set; }

    /// <summary>The sender's address (the <c>From</c> header and the envelope sender), e.g. <c>noreply@lerarenregister.nl</c>.</summary>
    public string? FromAddress { get; set; }

    /// <summary>The sender's display name.</summary>
    public string FromName { get; set; } = "Lerarenregister";

    /// <summary>Time allowed for one send: connecting, logging in and handing over the message.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "The setting 'Email:Timeout' must be between {1} and {2}.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            yield return new ValidationResult(
                "The setting 'Email:Host' is missing: set it to the SMTP server's host name, e.g. smtp.azurecomm.net (Azure Communication Services).",
                [nameof(Host)]);
        }
        else if (Security == EmailSecurity.None && !IsLoopback(Host))
        {
            // Messages carry teachers' names and the login would travel in the clear: plain SMTP only to this machine (smtp4dev).
            yield return new ValidationResult(
                $"The setting 'Email:Security' is None, which is allowed only for a mail server on this machine; 'Email:Host' is '{Host}'. Use StartTls or SslOnConnect.",
                [nameof(Security)]);
        }

        var hasUsername = !string.IsNullOrEmpty(Username);
        var hasPassword = !string.IsNullOrEmpty(Password);
        if (hasUsername && !hasPassword)
        {
            yield return new ValidationResult(
                "The setting 'Email:Password' is missing: it is required when 'Email:Username' is set (set both or neither).",
                [nameof(Password)]);
        }
        else if (hasPassword && !hasUsername)
        {
            yield return new ValidationResult(
                "The setting 'Email:Username' is missing: it is required when 'Email:Password' is set (set both or neither).",
                [nameof(Username)]);
        }

        if (string.IsNullOrWhiteSpace(FromAddress))
        {
            yield return new ValidationResult(
                "The setting 'Email:FromAddress' is missing: set it to the sender's address, e.g. noreply@lerarenregister.nl.",
                [nameof(FromAddress)]);
        }
        else if (!EmailAddress.TryParse(FromAddress, out _))
        {
            // The value is not repeated: this message is logged, and an address is not to be logged in full.
            yield return new ValidationResult(
                "The setting 'Email:FromAddress' is not a valid e-mail address: give one address as local@domain, without a display name (that is 'Email:FromName').",
                [nameof(FromAddress)]);
        }
    }

    /// <summary>The sender, once the options are valid.</summary>
    internal EmailAddress From =>
        EmailAddress.TryParse(FromAddress, out var from) ? from : throw new InvalidOperationException("The setting 'Email:FromAddress' is not a valid e-mail address.");

    /// <summary>Whether <paramref name="host"/> is this machine: <c>localhost</c> or a loopback IP address.</summary>
    internal static bool IsLoopback(string host)
    {
        var name = host.Trim();
        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // An IPv6 literal may be written as in a URL, in brackets.
        return IPAddress.TryParse(name.TrimStart('[').TrimEnd(']'), out var address) && IPAddress.IsLoopback(address);
    }
}

/// <summary>How the connection to the SMTP server is encrypted.</summary>
public enum EmailSecurity
{
    /// <summary>Not at all: only to a server on this machine (smtp4dev).</summary>
    None,

    /// <summary>Plain connect, then STARTTLS, which the server must offer (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}
