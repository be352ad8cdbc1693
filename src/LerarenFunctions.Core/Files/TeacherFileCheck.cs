using System.Globalization;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Files;

/// <summary>
/// The checking of one file, whatever its format: the header, then every record as it is read. Column indexes are
/// resolved once from the header; a row is checked on spans and only a valid row's fields become strings.
/// </summary>
internal sealed partial class TeacherFileCheck
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

    /// <summary>Per column of the header, whether the rules read it; the others only make a row non-empty.</summary>
    public bool[] ReadPositions()
    {
        var read = new bool[_headerCount];
        foreach (var position in _index)
        {
            if (position >= 0)
            {
                read[position] = true;
            }
        }

        return read;
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
}
