using LerarenFunctions.Core.Domain;

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

    /// <inheritdoc cref="PersonalData.MaskDigitRuns(string)"/>
    public static string MaskBsnLike(string text) => PersonalData.MaskDigitRuns(text);
}
