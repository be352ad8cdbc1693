namespace LerarenFunctions.Core.Domain;

/// <summary>
/// Text a person reads (a report, a log line, an API answer, a dead letter) never shows a whole BSN, also not where
/// none is expected: boards use BSNs as row references and in file names, and a register's error text may quote one.
/// </summary>
public static class PersonalData
{
    /// <summary>
    /// Masks every run of 8 or more digits to <c>*</c>s and its last three digits. Longer runs too: a BSN glued to
    /// other digits (a lost separator) is still a BSN, and an echo loses little by hiding a long number.
    /// </summary>
    public static string MaskDigitRuns(string text)
    {
        if (text.Length < 8)
        {
            return text;
        }

        char[]? masked = null;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i - start >= 8)
            {
                masked ??= text.ToCharArray();
                masked.AsSpan(start, i - start - 3).Fill('*');
            }
        }

        return masked is null ? text : new string(masked);
    }

    /// <summary><see cref="MaskDigitRuns(string)"/> for a value that may be absent.</summary>
    public static string? MaskDigitRunsOrNull(string? text) => text is null ? null : MaskDigitRuns(text);
}
