using System.Collections;
using System.Diagnostics.CodeAnalysis;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Files;

/// <summary>
/// The <see cref="Deliveries.TeacherRecord.Fields"/> of a valid row. A file can have half a million rows and every
/// valid row gets one, so it is a single small object instead of a hash table: the texts that come from the row
/// itself, the shared texts of codes, and the dates as day numbers whose text is looked up when it is read (every
/// date's text is made once per process, see <see cref="DutchDate.ToIsoString"/>).
/// </summary>
internal sealed class TeacherFieldDictionary : IReadOnlyDictionary<string, string>
{
    /// <summary>A date that is not there.</summary>
    public const int NoDate = -1;

    private const int Slots = 16;
    private static readonly IReadOnlyList<string> Names = TeacherFileColumns.All;

    public string? RegelId { get; init; }

    public required string Bestuursnummer { get; init; }

    /// <summary>M, V, X or O.</summary>
    public required string Geslacht { get; init; }

    public required int Geboortedatum { get; init; }

    public required string Woonland { get; init; }

    public string? AdresBuitenland { get; init; }

    public required string Benoemingsgrondslag { get; init; }

    public string? Onderwijsterrein { get; init; }

    public required int BegindatumBenoeming { get; init; }

    public int EinddatumBenoeming { get; init; } = NoDate;

    public string? BrinVolgnummer { get; init; }

    public string? ExtraBrinnummers { get; init; }

    public required int BegindatumDienstverband { get; init; }

    public int EinddatumDienstverband { get; init; } = NoDate;

    public int Count
    {
        get
        {
            var count = 0;
            for (var i = 0; i < Slots; i++)
            {
                if (Get((TeacherColumn)i) is not null)
                {
                    count++;
                }
            }

            return count;
        }
    }

    public IEnumerable<string> Keys => this.Select(p => p.Key);

    public IEnumerable<string> Values => this.Select(p => p.Value);

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The row has no field '{key}'.");

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        for (var i = 0; i < Slots; i++)
        {
            if (string.Equals(Names[i], key, StringComparison.Ordinal))
            {
                value = Get((TeacherColumn)i);
                return value is not null;
            }
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < Slots; i++)
        {
            if (Get((TeacherColumn)i) is { } value)
            {
                yield return new KeyValuePair<string, string>(Names[i], value);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static string? Date(int dayNumber) => dayNumber == NoDate ? null : DutchDate.ToIsoString(DateOnly.FromDayNumber(dayNumber));

    // BSN and BRIN are properties of the record itself, not fields.
    private string? Get(TeacherColumn column) => column switch
    {
        TeacherColumn.RegelId => RegelId,
        TeacherColumn.Bestuursnummer => Bestuursnummer,
        TeacherColumn.Geslacht => Geslacht,
        TeacherColumn.Geboortedatum => Date(Geboortedatum),
        TeacherColumn.Woonland => Woonland,
        TeacherColumn.AdresBuitenland => AdresBuitenland,
        TeacherColumn.Benoemingsgrondslag => Benoemingsgrondslag,
        TeacherColumn.Onderwijsterrein => Onderwijsterrein,
        TeacherColumn.BegindatumBenoeming => Date(BegindatumBenoeming),
        TeacherColumn.EinddatumBenoeming => Date(EinddatumBenoeming),
        TeacherColumn.BrinVolgnummer => BrinVolgnummer,
        TeacherColumn.ExtraBrinnummers => ExtraBrinnummers,
        TeacherColumn.BegindatumDienstverband => Date(BegindatumDienstverband),
        TeacherColumn.EinddatumDienstverband => Date(EinddatumDienstverband),
        _ => null,
    };
}
