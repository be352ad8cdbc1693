using System.Diagnostics.CodeAnalysis;

namespace LerarenFunctions.Core.Domain;

/// <summary>
/// A citizen service number. <see cref="ToString"/> masks it, so that a BSN that reaches a log line or a
/// report by accident shows only its last three digits; <see cref="Value"/> is for the register call alone.
/// </summary>
public readonly record struct Bsn
{
    private const int Length = 9;

    // The nine digits as a number: a file of half a million rows holds one per valid row, and a number is four bytes
    // where a string of nine digits is forty.
    private readonly int _number;

    private Bsn(int number) => _number = number;

    /// <summary>The nine digits. Send it to the register; never log or report it.</summary>
    public string Value => string.Create(Length, _number, static (digits, number) => Write(digits, number));

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

    internal static Bsn FromNumber(int number) => new(number);

    /// <summary>Writes the nine digits without making a string of them, for a writer of JSON.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        charsWritten = 0;
        if (destination.Length < Length)
        {
            return false;
        }

        Write(destination[..Length], _number);
        charsWritten = Length;
        return true;
    }

    // The digits of number, right-aligned with leading zeros, filling digits.
    private static void Write(Span<char> digits, int number)
    {
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            digits[i] = (char)('0' + (number % 10));
            number /= 10;
        }
    }
}
