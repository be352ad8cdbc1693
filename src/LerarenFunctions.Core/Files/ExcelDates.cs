namespace LerarenFunctions.Core.Files;

/// <summary>How Excel stores a date: a number (days since 1900, or 1904 on old Macs) shown with a date format.</summary>
internal static class ExcelDates
{
    /// <summary>The built-in number formats that show a date or time (the locale-specific ones included).</summary>
    public static bool IsBuiltInDateFormat(int id) => id is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58);

    /// <summary>
    /// A custom format shows a date when its first section has d or y, or m without h or s (mm alone is minutes in
    /// h:mm). Quoted text, escaped characters and [colour]/[$-413] blocks do not count.
    /// </summary>
    public static bool IsDateFormat(string? formatCode)
    {
        if (string.IsNullOrEmpty(formatCode))
        {
            return false;
        }

        bool date = false, month = false, time = false, quoted = false, bracket = false;
        for (var i = 0; i < formatCode.Length; i++)
        {
            var c = formatCode[i];
            if (quoted)
            {
                quoted = c != '"';
                continue;
            }

            if (bracket)
            {
                bracket = c != ']';
                continue;
            }

            switch (char.ToLowerInvariant(c))
            {
                case '"':
                    quoted = true;
                    break;
                case '[':
                    bracket = true;
                    break;
                case '\\' or '_' or '*':
                    i++;
                    break;
                case ';':
                    return date || (month && !time);
                case 'd' or 'y':
                    date = true;
                    break;
                case 'm':
                    month = true;
                    break;
                case 'h' or 's':
                    time = true;
                    break;
            }
        }

        return date || (month && !time);
    }

    /// <summary>The date of serial <paramref name="serial"/>; the time of day is dropped.</summary>
    public static bool TryFromSerial(double serial, bool date1904, out DateOnly date)
    {
        date = default;
        if (date1904)
        {
            serial += 1462;
        }

        // Below 61 Excel counts the 29 February 1900 that never was; no teacher's date is that early.
        if (double.IsNaN(serial) || serial < 61 || serial >= 2_958_466)
        {
            return false;
        }

        date = DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
        return true;
    }
}
