using System.Globalization;
using System.Text;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Cli.Validate;

/// <summary>
/// The terugmelding as a short Dutch text for people: a header with status and counts, then one line per melding
/// (<c>regel N (regelId) veld: CODE — melding [waarde]</c>). Scripts use <c>--format json</c> instead.
/// </summary>
public static class TerugmeldingText
{
    public static async Task WriteAsync(TextWriter writer, Terugmelding terugmelding, DateOnly peildatum)
    {
        var nl = CultureInfo.GetCultureInfo("nl-NL");
        var warnings = terugmelding.Meldingen.Count(m => m.Ernst == Ernst.Waarschuwing);
        await writer.WriteLineAsync($"Terugmelding voor {Printable(terugmelding.Bestand)}");
        await writer.WriteLineAsync($"Bestuur:     {terugmelding.Bestuursnummer}");
        await writer.WriteLineAsync($"Peildatum:   {peildatum.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        await writer.WriteLineAsync($"Status:      {terugmelding.Status}");
        await writer.WriteLineAsync(string.Create(nl,
            $"Regels:      {terugmelding.AantalRegels:N0} (goedgekeurd {terugmelding.AantalGoedgekeurd:N0}, afgekeurd {terugmelding.AantalAfgekeurd:N0})"));
        await writer.WriteLineAsync(string.Create(nl,
            $"Meldingen:   {terugmelding.Meldingen.Count:N0} (fouten {terugmelding.Meldingen.Count - warnings:N0}, waarschuwingen {warnings:N0})"));

        if (terugmelding.Meldingen.Count > 0)
        {
            await writer.WriteLineAsync();
        }

        var line = new StringBuilder();
        foreach (var melding in terugmelding.Meldingen)
        {
            line.Clear();
            Append(line, melding);
            await writer.WriteLineAsync(line);
        }
    }

    /// <summary>One melding: <c>regel N (regelId) veld: CODE — melding [waarde]</c>, leaving out what it lacks.</summary>
    public static void Append(StringBuilder line, Melding melding)
    {
        line.Append(melding.Regel is { } regel ? $"regel {regel.ToString(CultureInfo.InvariantCulture)}" : "bestand");
        if (!string.IsNullOrEmpty(melding.RegelId))
        {
            line.Append(" (").Append(Printable(melding.RegelId)).Append(')');
        }

        if (!string.IsNullOrEmpty(melding.Veld))
        {
            line.Append(' ').Append(Printable(melding.Veld));
        }

        line.Append(": ").Append(melding.Code);
        if (melding.Ernst == Ernst.Waarschuwing)
        {
            line.Append(" (waarschuwing)");
        }

        line.Append(" — ").Append(melding.Tekst);
        if (melding.Waarde is not null)
        {
            line.Append(" [").Append(Printable(melding.Waarde)).Append(']');
        }
    }

    /// <summary>
    /// Values come from the delivered file: control characters are replaced so that a crafted or binary file
    /// cannot move the cursor, recolour the terminal or break the one-line-per-melding layout.
    /// </summary>
    private static string Printable(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }
}
