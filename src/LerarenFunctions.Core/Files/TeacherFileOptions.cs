using System.ComponentModel.DataAnnotations;

namespace LerarenFunctions.Core.Files;

/// <summary>Limits on a delivered teacher file; a file past them is rejected with BESTAND_TE_GROOT.</summary>
public sealed class TeacherFileOptions
{
    public const string SectionName = "TeacherFile";

    /// <summary>The most data rows one file may hold.</summary>
    [Range(1, 10_000_000)]
    public int MaxRows { get; set; } = 500_000;
}
