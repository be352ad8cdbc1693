using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;

namespace LerarenFunctions.Core.Files;

/// <summary>Limits and code lists for a delivered teacher file; a file past a limit is rejected with BESTAND_TE_GROOT.</summary>
public sealed class TeacherFileOptions : IValidatableObject
{
    public const string SectionName = "TeacherFile";

    /// <summary>The codes every deployment accepts: 701 (WHW getuigschrift) and 708 (leraar in opleiding).</summary>
    public static IReadOnlyList<string> DefaultBenoemingsgrondslagen { get; } = ["701", "708"];

    /// <summary>The most data rows one file may hold.</summary>
    [Range(1, 10_000_000)]
    public int MaxRows { get; set; } = 500_000;

    /// <summary>The most bytes one file may have (50 MB).</summary>
    [Range(1, 2L * 1024 * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>The most characters in one field (after trimming); <c>regel_id</c> has its own limit of 36.</summary>
    [Range(1, 100_000)]
    public int MaxFieldLength { get; set; } = 200;

    /// <summary>
    /// The most bytes the parts of an XLSX may unpack to together (zip bombs). The shared strings are held in memory;
    /// a quarter of this bounds the memory they may take (<see cref="TeacherFileRules.MaxSharedStringBytes"/>). The
    /// other bounds on what one file can make the reader hold follow from Excel's own limits (<c>XlsxTeacherFile</c>).
    /// </summary>
    [Range(1024, 4L * 1024 * 1024 * 1024)]
    public long MaxXlsxUnpackedBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>
    /// The most bytes one CSV record may take, counting about 50 KB that the reader reads ahead. A record only grows
    /// this long when a quote is not closed, and the parser must hold a record whole, so this bounds memory; the file
    /// is then unreadable. In an XLSX it bounds the characters of text in one row alike.
    /// </summary>
    [Range(128 * 1024, 256 * 1024 * 1024)]
    public int MaxRecordBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The most meldingen one terugmelding lists; the counts stay exact. A file that is wrong on every row would
    /// otherwise make a report of hundreds of megabytes that nobody reads.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxMeldingen { get; set; } = 100_000;

    /// <summary>
    /// The accepted benoemingsgrondslag codes. Empty means <see cref="DefaultBenoemingsgrondslagen"/>: configuration
    /// binding adds to a list instead of replacing it, so the defaults cannot live in the list itself.
    /// </summary>
    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Bound from configuration.")]
    public IList<string> Benoemingsgrondslagen { get; set; } = [];

    /// <summary>The codes in force: the configured ones, or the defaults when none are configured.</summary>
    public IReadOnlyList<string> EffectiveBenoemingsgrondslagen =>
        Benoemingsgrondslagen.Count == 0 ? DefaultBenoemingsgrondslagen : [.. Benoemingsgrondslagen.Select(c => c.Trim())];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var code in Benoemingsgrondslagen)
        {
            if (string.IsNullOrWhiteSpace(code) || code.Trim().Length > 20)
            {
                yield return new ValidationResult(
                    $"{SectionName}:{nameof(Benoemingsgrondslagen)} holds an empty code or one longer than 20 characters.",
                    [nameof(Benoemingsgrondslagen)]);
            }
        }
    }
}
