using System.Diagnostics.CodeAnalysis;

namespace LerarenFunctions.Core.Domain;

/// <summary>
/// An e-mail address as a board or an operator types it, checked with practical rules rather than the full RFC 5322
/// grammar: what passes can be mailed by any ordinary mail server, and what a spreadsheet typically adds by mistake
/// (a second address, a display name, a stray space or line break) does not pass.
/// </summary>
public readonly record struct EmailAddress
{
    /// <summary>The longest address that fits in an SMTP path (RFC 5321: 256 octets including the angle brackets).</summary>
    public const int MaxLength = 254;

    /// <summary>The longest local part (RFC 5321).</summary>
    public const int MaxLocalPartLength = 64;

    /// <summary>The longest label of a domain name (RFC 1035).</summary>
    private const int MaxLabelLength = 63;

    // RFC 5322 "atext" besides letters and digits; a quoted local part ("a b"@x.nl) is allowed there but not here.
    private const string LocalPartSymbols = "!#$%&'*+-/=?^_`{|}~";

    private EmailAddress(string value) => Value = value;

    /// <summary>The address: the local part as given (a server may treat its case as significant), the domain in lower case.</summary>
    public string Value { get; }

    /// <summary>The part after the <c>@</c>: what logs and operators may see of an address.</summary>
    public string Domain => Value[(Value.IndexOf('@', StringComparison.Ordinal) + 1)..];

    /// <summary>
    /// Trims <paramref name="text"/> and accepts <c>local@domain</c> with one <c>@</c>; a local part of at most
    /// <see cref="MaxLocalPartLength"/> ASCII letters, digits, RFC 5322 symbols and single inner dots; a domain of at
    /// least two dot-separated labels of ASCII letters, digits and inner hyphens; at most <see cref="MaxLength"/>
    /// characters in all. Internationalised addresses must be given in ASCII (punycode domain).
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out EmailAddress emailAddress)
    {
        emailAddress = default;
        var trimmed = text.AsSpan().Trim();
        if (trimmed.IsEmpty || trimmed.Length > MaxLength)
        {
            return false;
        }

        var at = trimmed.IndexOf('@');
        if (at < 0 || trimmed[(at + 1)..].Contains('@'))
        {
            return false;
        }

        var local = trimmed[..at];
        var domain = trimmed[(at + 1)..];
        if (!IsLocalPart(local) || !IsDomain(domain))
        {
            return false;
        }

        emailAddress = new EmailAddress(string.Concat(local, "@", domain.ToString().ToLowerInvariant()));
        return true;
    }

    public override string ToString() => Value;

    private static bool IsLocalPart(ReadOnlySpan<char> local)
    {
        if (local.IsEmpty || local.Length > MaxLocalPartLength || local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '.' && !LocalPartSymbols.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDomain(ReadOnlySpan<char> domain)
    {
        var labels = 0;
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.IsEmpty || label.Length > MaxLabelLength || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }

            labels++;
        }

        return labels >= 2;
    }
}
