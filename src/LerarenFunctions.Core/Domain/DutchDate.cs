using System.Globalization;

namespace LerarenFunctions.Core.Domain;

/// <summary>
/// Dates as Dutch files write them: <c>JJJJ-MM-DD</c>, <c>DD-MM-JJJJ</c> or <c>DD/MM/JJJJ</c>. Day and month may have
/// one digit (<c>1-8-2019</c>) because that is how Dutch Excel writes a date into a CSV file.
/// </summary>
public static class DutchDate
{
    // The text of every date from 1900 to 2099, made the first time it is asked for and kept for the life of the
    // process: every valid row passes on three to five dates, files repeat the same few thousand, and a host
    // validates file after file. Half a megabyte of slots; the texts themselves only for dates that occur.
    private static readonly int FirstCachedDay = new DateOnly(1900, 1, 1).DayNumber;
    private static readonly string?[] IsoTexts = new string?[new DateOnly(2100, 1, 1).DayNumber - FirstCachedDay];

    /// <summary>Parses <paramref name="text"/> (trimmed) without allocating.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        text = text.Trimmed();
        if (text.Length is < 8 or > 10)
        {
            return false;
        }

        // Every row has a few dates: the separators are looked for at the two places they can be, never searched.
        int year, month, day;
        if (text[4] == '-' && (year = Number(text[..4])) >= 0)
        {
            var rest = text[5..];
            if (!TryPart(ref rest, '-', out month) || rest.Length > 2 || (day = Number(rest)) < 0)
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
                || (year = Number(rest)) < 0)
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
    public static string ToIsoString(DateOnly date)
    {
        var slot = (uint)(date.DayNumber - FirstCachedDay);
        if (slot >= (uint)IsoTexts.Length)
        {
            return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        // Two threads may both make the text of a day; either string is right, and a reference is written whole.
        return IsoTexts[slot] ??= date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>The form a board reads in a melding: <c>dd-MM-yyyy</c>.</summary>
    public static string ToDutchString(DateOnly date) => date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    // One or two digits followed by the separator; advances past it.
    private static bool TryPart(ref ReadOnlySpan<char> text, char separator, out int value)
    {
        var end = text.Length > 1 && text[1] == separator ? 1 : text.Length > 2 && text[2] == separator ? 2 : 0;
        value = end == 0 ? -1 : Number(text[..end]);
        if (value < 0)
        {
            return false;
        }

        text = text[(end + 1)..];
        return true;
    }

    // The value of one to four digits; -1 when there are none or another character is among them.
    private static int Number(ReadOnlySpan<char> text)
    {
        var value = 0;
        foreach (var c in text)
        {
            var digit = (uint)(c - '0');
            if (digit > 9)
            {
                return -1;
            }

            value = (value * 10) + (int)digit;
        }

        return text.IsEmpty ? -1 : value;
    }
}
