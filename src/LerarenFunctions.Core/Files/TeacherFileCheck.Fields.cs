using System.Globalization;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Files;

// Fields: the rules of one row's fields, in column order, and of the duplicate key.
internal sealed partial class TeacherFileCheck
{
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
}
