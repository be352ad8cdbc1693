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
        if (text is not null && TryParse(text.AsSpan(), out bsn))
        {
            return true;
        }

        bsn = default;
        return false;
    }

    /// <inheritdoc cref="TryParse(string?, out Bsn)"/>
    public static bool TryParse(ReadOnlySpan<char> text, out Bsn bsn)
    {
        if (TryParseNumber(text, out var number))
        {
            bsn = FromNumber(number);
            return true;
        }

        bsn = default;
        return false;
    }

    /// <summary>Masks any text that may hold a BSN, valid or not: <c>******</c> and its last three characters.</summary>
    public static string Mask(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : "******" + text[Math.Max(0, text.Length - 3)..];

    /// <inheritdoc cref="Mask(string?)"/>
    public static string Mask(ReadOnlySpan<char> text) =>
        text.IsEmpty ? string.Empty : string.Concat("******", text[Math.Max(0, text.Length - 3)..]);

    public override string ToString() => Masked;

    /// <summary>
    /// The eleven test on a span, without allocating: the number fits an <see cref="int"/> (nine digits), which
    /// makes a compact key for duplicate detection.
    /// </summary>
    internal static bool TryParseNumber(ReadOnlySpan<char> text, out int number)
    {
        number = 0;
        text = text.Trimmed();
        if (text.Length is < 8 or > 9)
        {
            return false;
        }

        // An 8-digit BSN lost its leading zero (Excel does that); weight 9 times 0 adds nothing. Locals, not the out
        // parameter, carry the sums: this runs on every row.
        var weight = text.Length;
        var sum = 0;
        var value = 0;
        foreach (var c in text)
        {
            var digit = c - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
            sum += weight == 1 ? -digit : digit * weight;
            weight--;
        }

        number = value;
        return sum != 0 && sum % 11 == 0;
    }

    internal static Bsn FromNumber(int number) => new(string.Create(9, number, static (digits, n) =>
    {
        for (var i = 8; i >= 0; i--)
        {
            digits[i] = (char)('0' + (n % 10));
            n /= 10;
        }
    }));
}
