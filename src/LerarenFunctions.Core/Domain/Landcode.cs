using System.Diagnostics.CodeAnalysis;

namespace LerarenFunctions.Core.Domain;

/// <summary>A country as ISO 3166-1 alpha-2 (<c>NL</c>, <c>BE</c>, ...), kept in upper case.</summary>
public readonly record struct Landcode
{
    // The 249 officially assigned codes. User-assigned codes (XK) and reserved ones (UK, EU) are not countries here.
    private const string Assigned =
        "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ "
        + "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET "
        + "FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU "
        + "ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY "
        + "MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM "
        + "PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW "
        + "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ "
        + "UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

    // One shared string per code, so a valid code costs no allocation per row.
    private static readonly string?[] Codes = Build();

    private Landcode(string value) => Value = value;

    /// <summary>The Netherlands, the default when a file leaves the country empty.</summary>
    public static Landcode Nederland { get; } = new("NL");

    /// <summary>How many codes are known (249).</summary>
    public static int Count { get; } = Codes.Count(c => c is not null);

    public string Value { get; }

    public bool IsNederland => Value == "NL";

    public static bool TryParse([NotNullWhen(true)] string? text, out Landcode landcode)
    {
        if (text is not null && TryParse(text.AsSpan(), out landcode))
        {
            return true;
        }

        landcode = default;
        return false;
    }

    /// <summary>Two letters in any case, trimmed.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Landcode landcode)
    {
        landcode = default;
        text = text.Trimmed();
        if (text.Length != 2 || !char.IsAsciiLetter(text[0]) || !char.IsAsciiLetter(text[1]))
        {
            return false;
        }

        var code = Codes[Index(char.ToUpperInvariant(text[0]), char.ToUpperInvariant(text[1]))];
        if (code is null)
        {
            return false;
        }

        landcode = code == "NL" ? Nederland : new Landcode(code);
        return true;
    }

    public override string ToString() => Value;

    private static int Index(char first, char second) => ((first - 'A') * 26) + (second - 'A');

    private static string?[] Build()
    {
        var codes = new string?[26 * 26];
        foreach (var code in Assigned.Split(' '))
        {
            codes[Index(code[0], code[1])] = code;
        }

        return codes;
    }
}
