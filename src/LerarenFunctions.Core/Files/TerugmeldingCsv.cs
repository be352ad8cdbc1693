using System.Globalization;
using System.Text;

namespace LerarenFunctions.Core.Files;

/// <summary>
/// The terugmelding as a CSV file that opens cleanly in Dutch Excel: <c>;</c>-separated, UTF-8 with a BOM (without it
/// Excel reads Windows-1252), CRLF, RFC 4180 quoting. A few summary lines come first, then a blank line and the
/// meldingen table. Every text that Excel could take for a formula gets a leading apostrophe, because the values
/// echo what a board sent: <c>=cmd|...</c> in a file must not run on the desk of whoever opens the report.
/// </summary>
public static class TerugmeldingCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>The columns of the meldingen table, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["regel", "regelId", "veld", "code", "ernst", "melding", "waarde"];

    /// <summary>The columns of the register results table, in order.</summary>
    public static IReadOnlyList<string> ResultColumns { get; } = ["regel", "regelId", "resultaat", "registratieId", "reden"];

    /// <summary>Writes <paramref name="terugmelding"/> to <paramref name="output"/> (BOM included); leaves it open.</summary>
    public static async Task WriteAsync(Terugmelding terugmelding, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terugmelding);
        await using var writer = new StreamWriter(output, Utf8WithBom, bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        Line(writer, "bestand", terugmelding.Bestand);
        Line(writer, "bestuursnummer", terugmelding.Bestuursnummer);
        Line(writer, "status", terugmelding.Status);
        Line(writer, "aantalRegels", Number(terugmelding.AantalRegels));
        Line(writer, "aantalGoedgekeurd", Number(terugmelding.AantalGoedgekeurd));
        Line(writer, "aantalAfgekeurd", Number(terugmelding.AantalAfgekeurd));
        await writer.WriteLineAsync();
        Line(writer, [.. Columns]);
        foreach (var m in terugmelding.Meldingen)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Line(writer, m.Regel is { } regel ? Number(regel) : null, m.RegelId, m.Veld, m.Code, m.Ernst, m.Tekst, m.Waarde);
        }

        if (terugmelding.RegisterResultaten is { } results)
        {
            // A second table after a blank line: what the register did with every forwarded row.
            await writer.WriteLineAsync();
            Line(writer, [.. ResultColumns]);
            foreach (var r in results)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Line(writer, Number(r.Regel), r.RegelId, r.Resultaat, r.RegistratieId, r.Reden);
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>The CSV as bytes, BOM included.</summary>
    public static byte[] ToBytes(Terugmelding terugmelding)
    {
        using var buffer = new MemoryStream();
        WriteAsync(terugmelding, buffer, CancellationToken.None).GetAwaiter().GetResult();
        return buffer.ToArray();
    }

    /// <summary>
    /// One cell: neutralised against formulas, then quoted when it holds a separator, a quote or a line break.
    /// </summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(";\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static void Line(StreamWriter writer, params ReadOnlySpan<string?> cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(';');
            }

            writer.Write(Cell(cells[i]));
        }

        writer.WriteLine();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
