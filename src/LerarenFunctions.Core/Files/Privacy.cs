namespace LerarenFunctions.Core.Files;

/// <summary>
/// What a terugmelding may echo. A BSN is never shown whole, also not where it does not belong: a file without a
/// header row puts the first teacher's BSN in the "column names", and shifted columns put it in any field.
/// </summary>
internal static class Privacy
{
    /// <summary>The value trimmed, cut at <see cref="TeacherFileRules.MaxEcho"/> characters, BSN-like numbers masked.</summary>
    public static string? Echo(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.IsEmpty)
        {
            return null;
        }

        var text = value.Length <= TeacherFileRules.MaxEcho ? value.ToString() : string.Concat(value[..TeacherFileRules.MaxEcho], "…");
        return MaskBsnLike(text);
    }

    /// <inheritdoc cref="Echo(ReadOnlySpan{char})"/>
    public static string? Echo(string? value) => value is null ? null : Echo(value.AsSpan());

    /// <summary>
    /// Masks every run of 8 or more digits to <c>*</c>s and its last three digits. Longer runs too: a BSN glued to
    /// other digits (a lost separator) is still a BSN, and an echo loses little by hiding a long number.
    /// </summary>
    public static string MaskBsnLike(string text)
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
}
