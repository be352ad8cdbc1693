using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// A valid row of a teacher file, as it is stored until the register has answered for it.
/// </summary>
/// <param name="Row">The row number Excel shows (header is 1); for a delivery sent as JSON, the 1-based index in <c>leraren</c>.</param>
/// <param name="Bsn">The teacher's BSN.</param>
/// <param name="Brin">The school.</param>
/// <param name="Fields">The other fields by lower-case column name, trimmed.</param>
public sealed record TeacherRecord(int Row, Bsn Bsn, Brin Brin, IReadOnlyDictionary<string, string> Fields)
{
    public string? RowReference => Fields.GetValueOrDefault(TeacherFileColumns.RegelId);
}
