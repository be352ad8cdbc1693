namespace LerarenFunctions.Core.Domain;

/// <summary>Span helpers for the parsing that runs on every field of every row.</summary>
internal static class Spans
{
    /// <summary>
    /// What <see cref="MemoryExtensions.Trim(ReadOnlySpan{char})"/> returns, but for a value without white space at
    /// its ends (every value a file's row hands over is trimmed already) two comparisons instead of two lookups.
    /// </summary>
    public static ReadOnlySpan<char> Trimmed(this ReadOnlySpan<char> text) =>
        text.IsEmpty || (!IsWhiteSpace(text[0]) && !IsWhiteSpace(text[^1])) ? text : text.Trim();

    /// <summary><see cref="char.IsWhiteSpace(char)"/>, with one comparison for the characters that make up nearly every field.</summary>
    public static bool IsWhiteSpace(char c) => (c <= ' ' || c >= '\u0085') && char.IsWhiteSpace(c);
}
