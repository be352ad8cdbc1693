using System.Diagnostics.CodeAnalysis;

namespace LerarenFunctions.Core.Domain;

/// <summary>
/// A telephone number in one normal form, so that <c>070-123 45 67</c>, <c>+31 (0)70 1234567</c> and
/// <c>0031701234567</c> are the same number: a Dutch number as <c>0</c> and nine digits (<c>0701234567</c>), any
/// other as <c>+</c>, the country code and the number (8 to 15 digits, the E.164 maximum).
/// </summary>
public readonly record struct PhoneNumber
{
    /// <summary>The digits after the trunk prefix <c>0</c> of a Dutch number.</summary>
    private const int DutchDigits = 9;

    private const int MinInternationalDigits = 8;

    /// <summary>The longest number E.164 allows, country code included.</summary>
    private const int MaxInternationalDigits = 15;

    private PhoneNumber(string value) => Value = value;

    /// <summary><c>0</c> and nine digits for a Dutch number, <c>+</c> and 8 to 15 digits for any other.</summary>
    public string Value { get; }

    /// <summary>
    /// Trims <paramref name="text"/> and accepts digits with spaces, dashes, dots and parentheses between them, after
    /// an optional leading <c>+</c>. <c>+31</c> and <c>0031</c> become <c>0</c> (a <c>(0)</c> after them is dropped);
    /// <c>00</c> before another country code becomes <c>+</c>. A number that starts with neither <c>0</c> nor
    /// <c>+</c> is refused, not guessed at: it is usually a number whose leading zero a spreadsheet dropped.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out PhoneNumber phoneNumber)
    {
        phoneNumber = default;
        var trimmed = text.AsSpan().Trim();
        var international = trimmed.StartsWith('+');
        if (international)
        {
            trimmed = trimmed[1..];
        }

        Span<char> digits = stackalloc char[MaxInternationalDigits + 4];
        var count = 0;
        foreach (var c in trimmed)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    return false;
                }

                digits[count++] = c;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                return false;
            }
        }

        ReadOnlySpan<char> number = digits[..count];
        if (!international && number.StartsWith("00"))
        {
            international = true;
            number = number[2..];
        }

        string? value;
        if (international)
        {
            value = number.StartsWith("31") ? Dutch(number[2..], trunkPrefix: false) : International(number);
        }
        else
        {
            value = number.StartsWith('0') ? Dutch(number[1..], trunkPrefix: true) : null;
        }

        if (value is null)
        {
            return false;
        }

        phoneNumber = new PhoneNumber(value);
        return true;
    }

    public override string ToString() => Value;

    /// <summary>
    /// The subscriber number after <c>0</c> or after <c>+31</c>; after <c>+31</c> it may still carry the trunk
    /// prefix, as in the common <c>+31 (0)70 ...</c>.
    /// </summary>
    private static string? Dutch(ReadOnlySpan<char> number, bool trunkPrefix)
    {
        if (!trunkPrefix && number.Length == DutchDigits + 1 && number[0] == '0')
        {
            number = number[1..];
        }

        // A leading 0 here would make 00..., an international prefix rather than a Dutch area code.
        return number.Length == DutchDigits && number[0] != '0' ? string.Concat("0", number) : null;
    }

    private static string? International(ReadOnlySpan<char> number) =>
        number.Length is >= MinInternationalDigits and <= MaxInternationalDigits && number[0] != '0'
            ? string.Concat("+", number)
            : null;
}
