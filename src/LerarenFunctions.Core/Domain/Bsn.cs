using System.Diagnostics.CodeAnalysis;

namespace LerarenFunctions.Core.Domain;

/// <summary>
/// A citizen service number. <see cref="ToString"/> masks it, so that a BSN that reaches a log line or a
/// report by accident shows only its last three digits; <see cref="Value"/> is for the register call alone.
/// </summary>
public readonly record struct Bsn
{
    private Bsn(string value) => Value = value;

    /// <summary>The nine digits. Send it to the register; never log or report it.</summary>
    public string Value { get; }

    /// <summary>The BSN as reports may show it: asterisks and the last three digits.</summary>
    public string Masked => Mask(Value);

    /// <summary>
    /// Parses a BSN: 9 digits (8 digits get a leading zero) that pass the eleven test with weights
    /// 9..2 and -1. The -1 weight is what sets a BSN apart from an old bank account number.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Bsn bsn)
    {
        bsn = default;
        var trimmed = text?.Trim();
        if (trimmed is null || trimmed.Length is < 8 or > 9 || !trimmed.All(char.IsAsciiDigit))
        {
            return false;
        }

        var digits = trimmed.PadLeft(9, '0');
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (digits[i] - '0') * (9 - i);
        }

        sum -= digits[8] - '0';
        if (sum == 0 || sum % 11 != 0)
        {
            return false;
        }

        bsn = new Bsn(digits);
        return true;
    }

    /// <summary>Masks any text that may hold a BSN, valid or not: <c>******</c> and its last three characters.</summary>
    public static string Mask(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : "******" + text[Math.Max(0, text.Length - 3)..];

    public override string ToString() => Masked;
}
