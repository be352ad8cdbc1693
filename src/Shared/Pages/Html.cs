using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace LerarenFunctions.Http.Pages;

/// <summary>
/// Encoding for the pages: every value that is not a constant of the page goes through <see cref="Text"/>, in text and
/// in (double-quoted) attributes alike. Dutch letters stay readable; markup characters and quotes never pass.
/// </summary>
internal static class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    private static readonly TimeZoneInfo Netherlands = FindZone();

    /// <summary>The value encoded for HTML text or a double-quoted attribute; empty for null.</summary>
    public static string Text(string? value) => string.IsNullOrEmpty(value) ? "" : Encoder.Encode(value);

    /// <summary>A whole number as the Dutch write it (1.234).</summary>
    public static string Number(int value) => value.ToString("N0", Dutch);

    /// <summary>A moment as Dutch time of day and date, e.g. <c>3 maart 2026 14:05</c>.</summary>
    public static string Moment(DateTimeOffset at) => Text(TimeZoneInfo.ConvertTime(at, Netherlands).ToString("d MMMM yyyy HH:mm", Dutch));

    /// <summary>A date as the Dutch write it, e.g. <c>1 oktober 2026</c>.</summary>
    public static string Date(DateOnly date) => Text(date.ToString("d MMMM yyyy", Dutch));

    /// <summary>A machine-readable moment for <c>&lt;time datetime&gt;</c>.</summary>
    public static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // A host without time zone data shows UTC rather than failing; the pages say nothing depends on it.
            return TimeZoneInfo.Utc;
        }
    }
}
