using System.Globalization;

namespace LerarenFunctions.Core.Domain;

/// <summary>
/// Dates as Dutch files write them: <c>JJJJ-MM-DD</c>, <c>DD-MM-JJJJ</c> or <c>DD/MM/JJJJ</c>. Day and month may have
/// one digit (<c>1-8-2019</c>) because that is how Dutch Excel writes a date into a CSV file.
/// </summary>
public static class DutchDate
{
    /// <summary>Parses <paramref name="text"/> (trimmed) without allocating.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        text = text.Trim();
        if (text.Length is < 8 or > 10)
        {
            return false;
        }

        int year, month, day;
        if (text[4] == '-' && TryDigits(text[..4], out year))
        {
            var rest = text[5..];
            if (!TryPart(ref rest, '-', out month) || rest.Length > 2 || !TryDigits(rest, out day))
            {
                return false;
            }
        }
        else
        {
            var rest = text;
            var separator = text[1] is '-' or '/' ? text[1] : text[2];
            if (separator is not ('-' or '/')
                || !TryPart(ref rest, separator, out day)
                || !TryPart(ref rest, separator, out month)
                || rest.Length != 4
                || !TryDigits(rest, out year))
            {
                return false;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>The form every date is passed on in: <c>yyyy-MM-dd</c>.</summary>
    public static string ToIsoString(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The form a board reads in a melding: <c>dd-MM-yyyy</c>.</summary>
    public static string ToDutchString(DateOnly date) => date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    // One or two digits followed by the separator; advances past it.
    private static bool TryPart(ref ReadOnlySpan<char> text, char separator, out int value)
    {
        value = 0;
        var end = text.IndexOf(separator);
        if (end is < 1 or > 2 || !TryDigits(text[..end], out value))
        {
            return false;
        }

        text = text[(end + 1)..];
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            var digit = c - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
