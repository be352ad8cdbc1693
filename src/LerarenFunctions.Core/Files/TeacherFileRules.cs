using System.Globalization;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Files;

/// <summary>What the options decide, prepared once per validator so that checking a row looks nothing up by name.</summary>
internal sealed class TeacherFileRules
{
    public const int MaxRegelIdLength = 36;
    public const int MinAge = 15;
    public const int MaxAge = 100;
    public const int MaxEcho = 50;

    /// <summary>Leraar in opleiding: the only grondslag that needs an onderwijsterrein.</summary>
    public const string LeraarInOpleiding = "708";

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _grondslagLookup;
    private readonly string[] _grondslagen;

    public TeacherFileRules(TeacherFileOptions options)
    {
        MaxRows = options.MaxRows;
        MaxFileBytes = options.MaxFileBytes;
        MaxFieldLength = options.MaxFieldLength;
        MaxXlsxUnpackedBytes = options.MaxXlsxUnpackedBytes;
        MaxSharedStringBytes = options.MaxXlsxUnpackedBytes / 4;
        MaxRecordBytes = options.MaxRecordBytes;
        MaxMeldingen = options.MaxMeldingen;

        var codes = options.EffectiveBenoemingsgrondslagen;
        var lookup = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var grondslagen = new List<string>();
        foreach (var code in codes)
        {
            if (lookup.TryAdd(code, grondslagen.Count))
            {
                grondslagen.Add(code);
            }
        }

        _grondslagen = [.. grondslagen];
        _grondslagLookup = lookup.GetAlternateLookup<ReadOnlySpan<char>>();
        LeraarInOpleidingIndex = lookup.GetValueOrDefault(LeraarInOpleiding, -1);

        var names = TeacherFileColumns.All;
        var teLang = new string[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var max = i == (int)TeacherColumn.RegelId ? Math.Min(MaxRegelIdLength, MaxFieldLength) : MaxFieldLength;
            teLang[i] = string.Create(CultureInfo.InvariantCulture, $"Het veld '{names[i]}' is langer dan {max} tekens. Kort de waarde in.");
        }

        TeLang = teLang;

        GrondslagOnbekend = $"De benoemingsgrondslag is onbekend. Gebruik een van deze codes: {string.Join(", ", grondslagen)}.";
    }

    public int MaxRows { get; }

    public long MaxFileBytes { get; }

    public int MaxFieldLength { get; }

    public long MaxXlsxUnpackedBytes { get; }

    /// <summary>
    /// The most memory the shared strings of an XLSX may take (128 MB by default): a quarter of the unpack budget. The
    /// XML of a shared string unpacks to fewer bytes than the string takes in memory (a character is two bytes, an
    /// entry some 32 besides), so the unpack budget alone would let one file hold a gigabyte or more, while the host
    /// reads four files at once on a few gigabytes. A quarter leaves room for those four and the rest of each reading,
    /// and is well above what a file of the most rows needs (500,000 rows with three texts of their own each take
    /// about 80 MB). A file that needs more is rejected as unreadable.
    /// </summary>
    public long MaxSharedStringBytes { get; }

    public int MaxRecordBytes { get; }

    public int MaxMeldingen { get; }

    /// <summary>The accepted codes as configured; a row's code is passed on in this spelling.</summary>
    public IReadOnlyList<string> Grondslagen => _grondslagen;

    public int LeraarInOpleidingIndex { get; }

    /// <summary>VELD_TE_LANG text per column.</summary>
    public IReadOnlyList<string> TeLang { get; }

    public string GrondslagOnbekend { get; }

    public static TeacherFileRules From(IOptions<TeacherFileOptions> options) => new(options.Value);

    public int MaxLength(TeacherColumn column) =>
        column == TeacherColumn.RegelId ? Math.Min(MaxRegelIdLength, MaxFieldLength) : MaxFieldLength;

    public string Grondslag(int index) => _grondslagen[index];

    public bool TryFindGrondslag(ReadOnlySpan<char> code, out int index)
    {
        // Nearly every row spells a code as configured; comparing a few short strings beats hashing them.
        var grondslagen = _grondslagen;
        for (var i = 0; i < grondslagen.Length && i < 8; i++)
        {
            if (code.SequenceEqual(grondslagen[i]))
            {
                index = i;
                return true;
            }
        }

        return _grondslagLookup.TryGetValue(code, out index);
    }
}
