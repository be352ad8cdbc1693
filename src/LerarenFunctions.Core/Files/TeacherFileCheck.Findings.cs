using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Files;

// Findings: a field's value as the header maps it, and what is reported about it.
internal sealed partial class TeacherFileCheck
{
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
}
