namespace LerarenFunctions.LocalHost.Development;

/// <summary>Whether the LocalHost starts smtp4dev, a fake mail server whose web page shows every e-mail sent, and where.</summary>
public sealed class LocalSmtp4devOptions
{
    public const string SectionName = "LocalSmtp4dev";

    /// <summary>
    /// Start smtp4dev (the repository's local dotnet tool) when nothing listens on <see cref="SmtpPort"/> yet, and point
    /// the <c>Email</c> settings at it where they are not configured.
    /// </summary>
    public bool Start { get; set; }

    /// <summary>Where it takes e-mail (SMTP, no TLS), on 127.0.0.1.</summary>
    public int SmtpPort { get; set; } = 2525;

    /// <summary>Its web page and API on 127.0.0.1. Not 5000: that is Kestrel's default and macOS's AirPlay receiver.</summary>
    public int WebPort { get; set; } = 5080;

    /// <summary>Where a mail client can read the e-mails over IMAP, on 127.0.0.1.</summary>
    public int ImapPort { get; set; } = 1143;

    internal Smtp4devPorts Ports => new(SmtpPort, ImapPort, WebPort);

    /// <summary>Throws, naming the setting, for a port that cannot be one.</summary>
    internal void Validate()
    {
        foreach (var (name, port) in (ReadOnlySpan<(string, int)>)[(nameof(SmtpPort), SmtpPort), (nameof(WebPort), WebPort), (nameof(ImapPort), ImapPort)])
        {
            if (port is < 1 or > 65535)
            {
                throw new InvalidOperationException($"The setting '{SectionName}:{name}' must be a port between 1 and 65535; it is {port}.");
            }
        }
    }
}
