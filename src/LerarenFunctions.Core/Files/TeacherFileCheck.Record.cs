using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Files;

// Record: a valid row as the record handed on, its strings shared where a file repeats them.
internal sealed partial class TeacherFileCheck
{
    private TeacherRecord Build<TRow>(TRow row, in ParsedRow p)
        where TRow : IFieldRow, allows ref struct
    {
        var fields = new TeacherFieldDictionary
        {
            RegelId = _regelId,
            Bestuursnummer = _board.Value,
            Geslacht = p.Geslacht!,
            Geboortedatum = p.Geboortedatum.DayNumber,
            Woonland = p.Woonland.Value,
            AdresBuitenland = Text(row, TeacherColumn.AdresBuitenland),
            Benoemingsgrondslag = _rules.Grondslag(p.Grondslag),
            Onderwijsterrein = Text(row, TeacherColumn.Onderwijsterrein),
            BegindatumBenoeming = p.BeginBenoeming.DayNumber,
            EinddatumBenoeming = p.HasEindBenoeming ? p.EindBenoeming.DayNumber : TeacherFieldDictionary.NoDate,
            BrinVolgnummer = p.Volgnummer,
            ExtraBrinnummers = p.HasExtraBrins ? ExtraBrins(Value(row, TeacherColumn.ExtraBrinnummers)) : null,
            BegindatumDienstverband = p.BeginDienst.DayNumber,
            EinddatumDienstverband = p.HasEindDienst ? p.EindDienst.DayNumber : TeacherFieldDictionary.NoDate,
        };
        return new TeacherRecord(_regel, Bsn.FromNumber(p.Bsn), _brins.Get(p.Brin), fields);
    }

    private static string ExtraBrins(ReadOnlySpan<char> value)
    {
        var brins = new List<string>();
        foreach (var range in value.Split('|'))
        {
            if (Brin.TryParse(value[range], out var brin))
            {
                brins.Add(brin.Value);
            }
        }

        return string.Join('|', brins);
    }

    private static string? Geslacht(char c) => char.ToUpperInvariant(c) switch
    {
        'M' => "M",
        'V' => "V",
        'X' => "X",
        'O' => "O",
        _ => null,
    };

    /// <summary>A file names a handful of schools: one <see cref="Brin"/> (and its string) per school, not per row.</summary>
    private sealed class BrinCache
    {
        private const int Size = 256;
        private readonly Brin[] _brins = new Brin[Size];
        private readonly uint[] _codes = new uint[Size];

        public Brin Get(uint code)
        {
            var slot = (int)((code * 2_654_435_761u) >> 24);
            if (_codes[slot] == code && _brins[slot].Value is not null)
            {
                return _brins[slot];
            }

            var brin = Brin.FromCode(code);
            _codes[slot] = code;
            _brins[slot] = brin;
            return brin;
        }
    }
}
