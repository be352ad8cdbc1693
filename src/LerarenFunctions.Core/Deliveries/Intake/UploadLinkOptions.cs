using System.ComponentModel.DataAnnotations;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>Upload links (<c>POST /api/besturen/{bestuursnummer}/uploadlinks</c>).</summary>
public sealed class UploadLinkOptions
{
    public const string SectionName = "Uploadlinks";

    /// <summary>How long a link can write its file: short, as whoever holds the link can write (or overwrite) it until then.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Geldigheid { get; set; } = TimeSpan.FromMinutes(15);
}
