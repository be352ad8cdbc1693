using System.Diagnostics.CodeAnalysis;

namespace LerarenFunctions.Core.Domain;

/// <summary>A school's BRIN number: two digits and two letters (e.g. <c>12AB</c>), kept in upper case.</summary>
public readonly record struct Brin
{
    private Brin(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse([NotNullWhen(true)] string? text, out Brin brin)
    {
        if (text is not null && TryParse(text.AsSpan(), out brin))
        {
            return true;
        }

        brin = default;
        return false;
    }

    /// <inheritdoc cref="TryParse(string?, out Brin)"/>
    public static bool TryParse(ReadOnlySpan<char> text, out Brin brin)
    {
        if (TryParseCode(text, out var code))
        {
            brin = FromCode(code);
            return true;
        }

        brin = default;
        return false;
    }

    public override string ToString() => Value;

    /// <summary>Checks a BRIN without allocating; the four upper-case ASCII characters are packed into one number.</summary>
    internal static bool TryParseCode(ReadOnlySpan<char> text, out uint code)
    {
        code = 0;
        text = text.Trimmed();
        if (text.Length != 4
            || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[1])
            || !char.IsAsciiLetter(text[2]) || !char.IsAsciiLetter(text[3]))
        {
            return false;
        }

        code = ((uint)text[0] << 24) | ((uint)text[1] << 16) | ((uint)char.ToUpperInvariant(text[2]) << 8) | char.ToUpperInvariant(text[3]);
        return true;
    }

    internal static Brin FromCode(uint code) => new(string.Create(4, code, static (chars, c) =>
    {
        chars[0] = (char)(c >> 24);
        chars[1] = (char)((c >> 16) & 0xFF);
        chars[2] = (char)((c >> 8) & 0xFF);
        chars[3] = (char)(c & 0xFF);
    }));
}
