using System.Diagnostics.CodeAnalysis;

namespace LerarenFunctions.Core.Domain;

/// <summary>A school's BRIN number: two digits and two letters (e.g. <c>12AB</c>), kept in upper case.</summary>
public readonly record struct Brin
{
    private Brin(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse([NotNullWhen(true)] string? text, out Brin brin)
    {
        var trimmed = text?.Trim();
        if (trimmed is { Length: 4 }
            && char.IsAsciiDigit(trimmed[0]) && char.IsAsciiDigit(trimmed[1])
            && char.IsAsciiLetter(trimmed[2]) && char.IsAsciiLetter(trimmed[3]))
        {
            brin = new Brin(trimmed.ToUpperInvariant());
            return true;
        }

        brin = default;
        return false;
    }

    public override string ToString() => Value;
}
