using System.Globalization;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Files;

/// <summary>
/// The checking of one file, whatever its format: the header, then every record as it is read. Column indexes are
/// resolved once from the header; a row is checked on spans and only a valid row's fields become strings.
/// </summary>
internal sealed class TeacherFileCheck
{
    private const int ColumnCount = 16;

    /// <summary>A junk "header" (a binary-ish text, a row of separators) would otherwise warn once per column.</summary>
    private const int MaxColumnWarnings = 25;

    private static readonly Dictionary<string, TeacherColumn> ColumnsByName = TeacherFileColumns.All
        .Select((name, i) => (name, column: (TeacherColumn)i))
        .ToDictionary(c => c.name, c => c.column, StringComparer.OrdinalIgnoreCase);

    private static readonly TeacherColumn[] RequiredColumns = [.. TeacherFileColumns.Required.Select(c => ColumnsByName[c])];

    private static readonly string[] Volgnummers = [.. Enumerable.Range(0, 100).Select(n => n.ToString("D2", CultureInfo.InvariantCulture))];

    private readonly TeacherFileRules _rules;
    private readonly Bestuursnummer _board;
    private readonly DateOnly _peildatum;
    private readonly DateOnly _oldestPlainBirth;
    private readonly DateOnly _youngestPlainBirth;
    private readonly string _afwijkend;
    private readonly string _inToekomst;
    private readonly int[] _index = new int[ColumnCount];
    private readonly List<Melding> _fileFindings = [];
    private readonly List<Melding> _rowFindings = [];
    private readonly DuplicateIndex _seen = new();
    private readonly BrinCache _brins = new();
    private readonly HashSet<int> _namelessColumns = [];
    private int _headerCount;
    private bool _truncated;

    // The row being checked.
    private int _regel;
    private string? _regelId;
    private string? _regelIdEcho;
    private int _rowErrors;

    public TeacherFileCheck(TeacherFileRules rules, Bestuursnummer board, DateOnly peildatum)
    {
        _rules = rules;
        _board = board;
        _peildatum = peildatum;
        _afwijkend = $"Het bestuursnummer moet {board.Value} zijn: het bestuur waarvoor dit bestand is aangeleverd. Lever gegevens van een ander bestuur aan in de map van dat bestuur.";
        _inToekomst = $"De geboortedatum ligt na de peildatum ({DutchDate.ToDutchString(peildatum)}). Controleer de geboortedatum.";
        Array.Fill(_index, -1);

        // Born on or after the first date, and on or before the second, is an age within the limits; working out the
        // age (three date decompositions each side) is left for the few dates outside. AddYears moves 29 February to
        // the 28th, which is exactly when a birthday on the 29th counts in a year without one.
        _oldestPlainBirth = peildatum.Year > TeacherFileRules.MaxAge + 1 ? peildatum.AddYears(-(TeacherFileRules.MaxAge + 1)).AddDays(1) : DateOnly.MaxValue;
        _youngestPlainBirth = peildatum.Year > TeacherFileRules.MinAge ? peildatum.AddYears(-TeacherFileRules.MinAge) : DateOnly.MinValue;
    }

    /// <summary>How the rows of a CSV are numbered in the report.</summary>
    public RowNumbering Numbering { get; init; }

    /// <summary>What the file turned out to be, once its first bytes are read.</summary>
    public FileKind Kind { get; set; }

    public bool HasHeader { get; private set; }

    /// <summary>The number of columns of the header.</summary>
    public int HeaderWidth => _headerCount;

    public bool IsRejected { get; private set; }

    /// <summary>Non-empty data rows seen.</summary>
    public int Rows { get; private set; }

    public int Accepted { get; private set; }

    /// <summary>True while the caller's callback runs: what it throws is not the file's fault and is not caught.</summary>
    public bool InCallback { get; set; }

    /// <summary>Reads the column names; false when a file rule failed (the file is then rejected).</summary>
    public bool SetHeader(IReadOnlyList<string> names)
    {
        HasHeader = true;
        _headerCount = names.Count;
        var warnings = new List<Melding>();
        var duplicated = new List<TeacherColumn>();
        var unknown = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Count; i++)
        {
            // A second BOM (a file saved twice with one) would otherwise stick to the first name.
            var name = names[i].Trim().TrimStart('\uFEFF').Trim();
            if (name.Length == 0)
            {
                if (warnings.Count < MaxColumnWarnings)
                {
                    warnings.Add(FileMeldingen.KolomZonderNaam(i + 1));
                }
            }
            else if (!ColumnsByName.TryGetValue(name, out var column))
            {
                // Unknown columns are ignored, so a repeated unknown name is no reason to reject the file.
                if (unknown.Add(name) && warnings.Count < MaxColumnWarnings)
                {
                    warnings.Add(FileMeldingen.KolomOnbekend(Privacy.Echo(name)!));
                }
            }
            else if (_index[(int)column] >= 0)
            {
                if (!duplicated.Contains(column))
                {
                    duplicated.Add(column);
                }
            }
            else
            {
                _index[(int)column] = i;
            }
        }

        foreach (var column in RequiredColumns)
        {
            if (_index[(int)column] < 0)
            {
                _fileFindings.Add(FileMeldingen.KolomOntbreekt(TeacherFileColumns.All[(int)column]));
            }
        }

        foreach (var column in duplicated)
        {
            _fileFindings.Add(FileMeldingen.KolomDubbel(TeacherFileColumns.All[(int)column]));
        }

        IsRejected = _fileFindings.Count > 0;
        _fileFindings.AddRange(warnings);
        return !IsRejected;
    }

    /// <summary>A value in a column without a name (past the header in an XLSX): warned about once per column.</summary>
    public void WarnNamelessColumn(int position)
    {
        if (_namelessColumns.Count < MaxColumnWarnings && _namelessColumns.Add(position))
        {
            _fileFindings.Add(FileMeldingen.KolomZonderNaam(position));
        }
    }

    /// <summary>About how many rows the file has, when that can be told from its size; never more than the limit.</summary>
    public void ExpectRows(long rows) => _seen.Reserve((int)Math.Clamp(rows, 0, _rules.MaxRows));

    /// <summary>Rejects the file: rows are then not reported and the counts are 0.</summary>
    public void Reject(Melding finding)
    {
        IsRejected = true;
        _fileFindings.Insert(_fileFindings.FindIndex(m => m.Ernst == Ernst.Waarschuwing) is var at and >= 0 ? at : _fileFindings.Count, finding);
    }

    /// <summary>
    /// Checks one record (<paramref name="regel"/> is the row number Excel shows). Returns the record when the row is
    /// valid; null when it is empty (skipped) or has an error (reported).
    /// </summary>
    public TeacherRecord? CheckRow<TRow>(int regel, TRow row)
        where TRow : IFieldRow, allows ref struct
    {
        var count = row.Count;
        var empty = true;
        for (var i = 0; i < count; i++)
        {
            if (!row[i].IsEmpty)
            {
                empty = false;
                break;
            }
        }

        if (empty)
        {
            return null;
        }

        if (++Rows > _rules.MaxRows)
        {
            throw new TeacherFileRejectedException(FileMeldingen.TeVeelRegels(_rules.MaxRows));
        }

        _regel = regel;
        _rowErrors = 0;
        _regelIdEcho = null;
        var regelId = Value(row, TeacherColumn.RegelId);
        _regelId = regelId.IsEmpty ? null : regelId.Length <= _rules.MaxLength(TeacherColumn.RegelId) ? regelId.ToString() : Privacy.Echo(regelId);
        if (count != _headerCount)
        {
            Error(null, MeldingCodes.KolommenAantal, string.Create(CultureInfo.InvariantCulture,
                $"De regel heeft {count} velden, de kopregel {_headerCount}. Controleer de scheidingstekens en de aanhalingstekens in deze regel."), default);
            return null;
        }

        var parsed = default(ParsedRow);
        ParseKey(row, ref parsed);
        CheckFields(row, ref parsed);
        CheckDuplicate(in parsed);
        if (_rowErrors > 0)
        {
            return null;
        }

        Accepted++;
        return Build(row, in parsed);
    }

    public Terugmelding ToTerugmelding(string fileName)
    {
        var bestand = Privacy.MaskBsnLike(fileName);
        if (IsRejected || !HasHeader || Rows == 0)
        {
            var findings = _fileFindings;
            if (!IsRejected)
            {
                findings = [FileMeldingen.Leeg(), .. _fileFindings];
            }

            return new Terugmelding
            {
                Bestand = bestand,
                Bestuursnummer = _board.Value,
                Status = TerugmeldingStatus.Afgewezen,
                Meldingen = findings,
            };
        }

        List<Melding> meldingen = [.. _fileFindings, .. _rowFindings];
        if (_truncated)
        {
            meldingen.Add(FileMeldingen.MeldingenBeperkt(_rules.MaxMeldingen));
        }

        return new Terugmelding
        {
            Bestand = bestand,
            Bestuursnummer = _board.Value,
            Status = Accepted == 0 ? TerugmeldingStatus.Afgewezen
                : Accepted == Rows ? TerugmeldingStatus.Goedgekeurd
                : TerugmeldingStatus.Gedeeltelijk,
            AantalRegels = Rows,
            AantalGoedgekeurd = Accepted,
            AantalAfgekeurd = Rows - Accepted,
            Meldingen = meldingen,
        };
    }

    /// <summary>
    /// Parses the fields of the duplicate key, without reporting: <see cref="CheckFields"/> reports on them in column
    /// order. A key that is complete has its place in the duplicate index fetched into the cache while the rest of
    /// the row is checked: that place is a cache miss on nearly every row of a large file.
    /// </summary>
    private void ParseKey<TRow>(TRow row, ref ParsedRow p)
        where TRow : IFieldRow, allows ref struct
    {
        // None of these parses for a value longer than the field limit: BSN, BRIN and dates have a fixed length, and
        // a grondslag is looked up only when it fits.
        p.HasBsn = Bsn.TryParseNumber(Value(row, TeacherColumn.Bsn), out p.Bsn);
        p.HasBrin = Brin.TryParseCode(Value(row, TeacherColumn.Brinnummer), out p.Brin);
        var grondslag = Value(row, TeacherColumn.Benoemingsgrondslag);
        if (grondslag.IsEmpty || grondslag.Length > _rules.MaxFieldLength || !_rules.TryFindGrondslag(grondslag, out p.Grondslag))
        {
            p.Grondslag = -1;
        }

        p.HasBeginBenoeming = DutchDate.TryParse(Value(row, TeacherColumn.BegindatumBenoeming), out p.BeginBenoeming);
        if (p.HasBsn && p.HasBrin && p.Grondslag >= 0 && p.HasBeginBenoeming)
        {
            _seen.Prefetch(p.Bsn, p.Brin, p.Grondslag, p.BeginBenoeming.DayNumber);
        }
    }

    private void CheckFields<TRow>(TRow row, ref ParsedRow p)
        where TRow : IFieldRow, allows ref struct
    {
        var v = Value(row, TeacherColumn.RegelId);
        if (!v.IsEmpty)
        {
            Fits(TeacherColumn.RegelId, v);
        }

        v = Value(row, TeacherColumn.Bestuursnummer);
        if (Present(TeacherColumn.Bestuursnummer, v))
        {
            if (v.Length != 5 || v.ContainsAnyExceptInRange('0', '9'))
            {
                Error(TeacherColumn.Bestuursnummer, MeldingCodes.BestuursnummerOngeldig, RowTexts.BestuursnummerOngeldig, v);
            }
            else if (!v.SequenceEqual(_board.Value))
            {
                Error(TeacherColumn.Bestuursnummer, MeldingCodes.BestuursnummerAfwijkend, _afwijkend, v);
            }
        }

        v = Value(row, TeacherColumn.Bsn);
        if (Present(TeacherColumn.Bsn, v) && !p.HasBsn)
        {
            Error(TeacherColumn.Bsn, MeldingCodes.BsnOngeldig, RowTexts.BsnOngeldig, v);
        }

        v = Value(row, TeacherColumn.Geslacht);
        if (Present(TeacherColumn.Geslacht, v))
        {
            p.Geslacht = v.Length == 1 ? Geslacht(v[0]) : null;
            if (p.Geslacht is null)
            {
                Error(TeacherColumn.Geslacht, MeldingCodes.GeslachtOngeldig, RowTexts.GeslachtOngeldig, v);
            }
        }

        if (RequiredDate(row, TeacherColumn.Geboortedatum, out p.Geboortedatum))
        {
            CheckAge(row, p.Geboortedatum);
        }

        p.Woonland = Landcode.Nederland;
        var landKnown = true;
        v = Value(row, TeacherColumn.Woonland);
        if (!v.IsEmpty)
        {
            landKnown = Fits(TeacherColumn.Woonland, v) && Landcode.TryParse(v, out p.Woonland);
            if (!landKnown && v.Length <= _rules.MaxFieldLength)
            {
                Error(TeacherColumn.Woonland, MeldingCodes.WoonlandOngeldig, RowTexts.WoonlandOngeldig, v);
            }
        }

        v = Value(row, TeacherColumn.AdresBuitenland);
        if (!v.IsEmpty)
        {
            Fits(TeacherColumn.AdresBuitenland, v);
        }
        else if (landKnown && !p.Woonland.IsNederland)
        {
            Error(TeacherColumn.AdresBuitenland, MeldingCodes.AdresBuitenlandVerplicht, RowTexts.AdresBuitenlandVerplicht, default);
        }

        v = Value(row, TeacherColumn.Benoemingsgrondslag);
        if (Present(TeacherColumn.Benoemingsgrondslag, v) && p.Grondslag < 0)
        {
            Error(TeacherColumn.Benoemingsgrondslag, MeldingCodes.GrondslagOnbekend, _rules.GrondslagOnbekend, v);
        }

        v = Value(row, TeacherColumn.Onderwijsterrein);
        if (!v.IsEmpty)
        {
            Fits(TeacherColumn.Onderwijsterrein, v);
        }
        else if (p.Grondslag >= 0 && p.Grondslag == _rules.LeraarInOpleidingIndex)
        {
            Error(TeacherColumn.Onderwijsterrein, MeldingCodes.OnderwijsterreinVerplicht, RowTexts.OnderwijsterreinVerplicht, default);
        }

        v = Value(row, TeacherColumn.BegindatumBenoeming);
        if (Present(TeacherColumn.BegindatumBenoeming, v) && !p.HasBeginBenoeming)
        {
            Error(TeacherColumn.BegindatumBenoeming, MeldingCodes.DatumOngeldig, RowTexts.DatumOngeldig[(int)TeacherColumn.BegindatumBenoeming], v);
        }

        p.HasEindBenoeming = OptionalDate(row, TeacherColumn.EinddatumBenoeming, out p.EindBenoeming);
        if (p.HasBeginBenoeming && p.HasEindBenoeming && p.EindBenoeming < p.BeginBenoeming)
        {
            Error(TeacherColumn.EinddatumBenoeming, MeldingCodes.EinddatumVoorBegindatum, RowTexts.EinddatumBenoeming, Value(row, TeacherColumn.EinddatumBenoeming));
        }

        v = Value(row, TeacherColumn.Brinnummer);
        if (Present(TeacherColumn.Brinnummer, v) && !p.HasBrin)
        {
            Error(TeacherColumn.Brinnummer, MeldingCodes.BrinOngeldig, RowTexts.BrinOngeldig, v);
        }

        v = Value(row, TeacherColumn.BrinVolgnummer);
        if (!v.IsEmpty && Fits(TeacherColumn.BrinVolgnummer, v))
        {
            // One digit is accepted: Excel drops the leading zero of 01.
            if (v.Length > 2 || v.ContainsAnyExceptInRange('0', '9'))
            {
                Error(TeacherColumn.BrinVolgnummer, MeldingCodes.VolgnummerOngeldig, RowTexts.VolgnummerOngeldig, v);
            }
            else
            {
                p.Volgnummer = Volgnummers[v.Length == 1 ? v[0] - '0' : ((v[0] - '0') * 10) + (v[1] - '0')];
            }
        }

        v = Value(row, TeacherColumn.ExtraBrinnummers);
        if (!v.IsEmpty && Fits(TeacherColumn.ExtraBrinnummers, v))
        {
            foreach (var range in v.Split('|'))
            {
                var piece = v[range].Trim();
                if (piece.IsEmpty)
                {
                    continue;
                }

                if (!Brin.TryParseCode(piece, out _))
                {
                    Error(TeacherColumn.ExtraBrinnummers, MeldingCodes.BrinOngeldig, RowTexts.ExtraBrinOngeldig, v);
                    break;
                }

                p.HasExtraBrins = true;
            }
        }

        var hasBeginDienst = RequiredDate(row, TeacherColumn.BegindatumDienstverband, out p.BeginDienst);
        p.HasEindDienst = OptionalDate(row, TeacherColumn.EinddatumDienstverband, out p.EindDienst);
        if (hasBeginDienst && p.HasEindDienst && p.EindDienst < p.BeginDienst)
        {
            Error(TeacherColumn.EinddatumDienstverband, MeldingCodes.EinddatumVoorBegindatum, RowTexts.EinddatumDienstverband, Value(row, TeacherColumn.EinddatumDienstverband));
        }
    }

    private void CheckAge<TRow>(TRow row, DateOnly birth)
        where TRow : IFieldRow, allows ref struct
    {
        if (birth >= _oldestPlainBirth && birth <= _youngestPlainBirth)
        {
            return;
        }

        if (birth > _peildatum)
        {
            Error(TeacherColumn.Geboortedatum, MeldingCodes.DatumInToekomst, _inToekomst, Value(row, TeacherColumn.Geboortedatum));
            return;
        }

        var age = _peildatum.Year - birth.Year;
        if (_peildatum.Month < birth.Month || (_peildatum.Month == birth.Month && _peildatum.Day < birth.Day))
        {
            age--;
        }

        if (age is < TeacherFileRules.MinAge or > TeacherFileRules.MaxAge)
        {
            Error(TeacherColumn.Geboortedatum, MeldingCodes.LeeftijdOnwaarschijnlijk, string.Create(CultureInfo.InvariantCulture,
                $"Met deze geboortedatum is de leraar op de peildatum ({DutchDate.ToDutchString(_peildatum)}) {age} jaar; dat moet tussen {TeacherFileRules.MinAge} en {TeacherFileRules.MaxAge} jaar liggen. Controleer de geboortedatum."),
                Value(row, TeacherColumn.Geboortedatum));
        }
    }

    // Every later row with the same key is a duplicate, also when the first one was rejected for another reason:
    // the earlier row may be fixed and sent again, the later one would then register the same appointment twice.
    private void CheckDuplicate(in ParsedRow p)
    {
        if (!p.HasBsn || !p.HasBrin || p.Grondslag < 0 || !p.HasBeginBenoeming)
        {
            return;
        }

        var first = _seen.FirstOrAdd(p.Bsn, p.Brin, p.Grondslag, p.BeginBenoeming.DayNumber, _regel);
        if (first == 0)
        {
            return;
        }

        Error(null, MeldingCodes.RegelDubbel, string.Create(CultureInfo.InvariantCulture,
            $"Deze regel is gelijk aan regel {first}: hetzelfde BSN, BRIN-nummer, dezelfde benoemingsgrondslag en begindatum van de benoeming. Verwijder de dubbele regel of corrigeer de gegevens."), default);
    }

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

    private ReadOnlySpan<char> Value<TRow>(TRow row, TeacherColumn column)
        where TRow : IFieldRow, allows ref struct
    {
        var index = _index[(int)column];
        return index >= 0 && index < row.Count ? row[index] : default;
    }

    private string? Text<TRow>(TRow row, TeacherColumn column)
        where TRow : IFieldRow, allows ref struct
    {
        var value = Value(row, column);
        return value.IsEmpty ? null : value.ToString();
    }

    /// <summary>A required field: reports it when empty or too long; true when it can be checked further.</summary>
    private bool Present(TeacherColumn column, ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            Error(column, MeldingCodes.VerplichtVeldLeeg, RowTexts.Verplicht[(int)column], default);
            return false;
        }

        return Fits(column, value);
    }

    private bool Fits(TeacherColumn column, ReadOnlySpan<char> value)
    {
        if (value.Length <= _rules.MaxLength(column))
        {
            return true;
        }

        Error(column, MeldingCodes.VeldTeLang, _rules.TeLang[(int)column], value);
        return false;
    }

    private bool RequiredDate<TRow>(TRow row, TeacherColumn column, out DateOnly date)
        where TRow : IFieldRow, allows ref struct
    {
        date = default;
        var value = Value(row, column);
        return Present(column, value) && ParseDate(column, value, out date);
    }

    private bool OptionalDate<TRow>(TRow row, TeacherColumn column, out DateOnly date)
        where TRow : IFieldRow, allows ref struct
    {
        date = default;
        var value = Value(row, column);
        return !value.IsEmpty && Fits(column, value) && ParseDate(column, value, out date);
    }

    private bool ParseDate(TeacherColumn column, ReadOnlySpan<char> value, out DateOnly date)
    {
        if (DutchDate.TryParse(value, out date))
        {
            return true;
        }

        Error(column, MeldingCodes.DatumOngeldig, RowTexts.DatumOngeldig[(int)column], value);
        return false;
    }

    private void Error(TeacherColumn? column, string code, string text, ReadOnlySpan<char> value)
    {
        _rowErrors++;
        if (_rowFindings.Count >= _rules.MaxMeldingen)
        {
            _truncated = true;
            return;
        }

        _regelIdEcho ??= Privacy.Echo(_regelId);
        var waarde = column == TeacherColumn.Bsn ? Bsn.Mask(value) : Privacy.Echo(value);
        _rowFindings.Add(new Melding(
            _regel,
            _regelIdEcho,
            column is { } c ? TeacherFileColumns.All[(int)c] : null,
            code,
            Ernst.Fout,
            text,
            string.IsNullOrEmpty(waarde) ? null : waarde));
    }

    private struct ParsedRow
    {
        public int Bsn;
        public bool HasBsn;
        public string? Geslacht;
        public DateOnly Geboortedatum;
        public Landcode Woonland;
        public int Grondslag;
        public DateOnly BeginBenoeming;
        public bool HasBeginBenoeming;
        public DateOnly EindBenoeming;
        public bool HasEindBenoeming;
        public uint Brin;
        public bool HasBrin;
        public string? Volgnummer;
        public bool HasExtraBrins;
        public DateOnly BeginDienst;
        public DateOnly EindDienst;
        public bool HasEindDienst;
    }

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
