using System.Diagnostics.CodeAnalysis;

namespace LerarenFunctions.Core.Domain;

/// <summary>The number of a school board (<i>bevoegd gezag</i>): five digits in every published example.</summary>
public readonly record struct Bestuursnummer
{
    private Bestuursnummer(string value) => Value = value;

    /// <summary>The five digits, leading zeros kept.</summary>
    public string Value { get; }

    /// <summary>Five digits, surrounding white space ignored: a field of a teacher file.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Bestuursnummer bestuursnummer)
    {
        var trimmed = text?.Trim();
        if (trimmed is { Length: 5 } && trimmed.All(char.IsAsciiDigit))
        {
            bestuursnummer = new Bestuursnummer(trimmed);
            return true;
        }

        bestuursnummer = default;
        return false;
    }

    /// <summary>
    /// Exactly five digits, nothing around them: a folder name or a key, where <c>"10053 "</c> is another name than
    /// <c>10053</c> and must not be taken for it.
    /// </summary>
    public static bool TryParseExact([NotNullWhen(true)] string? text, out Bestuursnummer bestuursnummer)
    {
        if (text is { Length: 5 } && text.All(char.IsAsciiDigit))
        {
            bestuursnummer = new Bestuursnummer(text);
            return true;
        }

        bestuursnummer = default;
        return false;
    }

    public static Bestuursnummer Parse(string text) =>
        TryParse(text, out var result) ? result : throw new FormatException("Een bestuursnummer bestaat uit 5 cijfers.");

    public override string ToString() => Value;
}
