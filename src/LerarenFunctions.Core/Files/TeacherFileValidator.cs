using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using Microsoft.Extensions.Options;
using nietras.SeparatedValues;

namespace LerarenFunctions.Core.Files;

/// <summary>
/// Reads a teacher file as a stream and checks it row by row. Valid rows are handed to a callback as they come,
/// so a file of any size is never held in memory; the findings end up in the <see cref="Terugmelding"/>.
/// </summary>
public sealed class TeacherFileValidator(IOptions<TeacherFileOptions> options)
{
    private readonly TeacherFileOptions _options = options.Value;

    /// <summary>Validates <paramref name="file"/> for the board <paramref name="bestuursnummer"/>.</summary>
    /// <param name="file">The file's bytes.</param>
    /// <param name="fileName">The name shown in the report.</param>
    /// <param name="bestuursnummer">The board the file was delivered for.</param>
    /// <param name="onValidRecord">Called for every valid row, in file order.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public async Task<Terugmelding> ValidateAsync(
        Stream file,
        string fileName,
        Bestuursnummer bestuursnummer,
        Func<TeacherRecord, CancellationToken, ValueTask> onValidRecord,
        CancellationToken cancellationToken)
    {
        var findings = new List<Melding>();
        int rows = 0, accepted = 0;
        try
        {
            using var reader = await Sep.Reader(o => o with
            {
                Unescape = true,
                Trim = SepTrim.All,
                DisableColCountCheck = true,
            }).FromAsync(file, cancellationToken);

            if (reader.Header.IsEmpty)
            {
                return Rejected(fileName, bestuursnummer, FileFinding("BESTAND_LEEG", null, "Het bestand is leeg of heeft geen kopregel."));
            }

            var columns = reader.Header.ColNames.Select(n => n.Trim().ToLowerInvariant()).ToArray();
            var missing = TeacherFileColumns.Required.Where(r => !columns.Contains(r)).ToList();
            if (missing.Count > 0)
            {
                return Rejected(fileName, bestuursnummer, [.. missing.Select(m =>
                    FileFinding("KOLOM_ONTBREEKT", m, $"De verplichte kolom '{m}' ontbreekt in de kopregel."))]);
            }

            var rowNumber = 1;
            await foreach (var row in reader)
            {
                rowNumber++;
                var values = new string[row.ColCount];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = row[i].ToString();
                }

                if (values.All(string.IsNullOrEmpty))
                {
                    continue;
                }

                rows++;
                if (rows > _options.MaxRows)
                {
                    return Rejected(fileName, bestuursnummer, FileFinding("BESTAND_TE_GROOT", null,
                        $"Het bestand heeft meer dan {_options.MaxRows} regels. Splits het in kleinere bestanden."));
                }

                var record = Check(values, columns, rowNumber, bestuursnummer, findings);
                if (record is not null)
                {
                    accepted++;
                    await onValidRecord(record, cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or ArgumentException or NotSupportedException)
        {
            return Rejected(fileName, bestuursnummer, FileFinding("BESTAND_ONLEESBAAR", null, "Het bestand kan niet gelezen worden als CSV-bestand."));
        }

        return new Terugmelding
        {
            Bestand = fileName,
            Bestuursnummer = bestuursnummer.Value,
            Status = accepted == 0 ? TerugmeldingStatus.Afgewezen
                : accepted == rows ? TerugmeldingStatus.Goedgekeurd
                : TerugmeldingStatus.Gedeeltelijk,
            AantalRegels = rows,
            AantalGoedgekeurd = accepted,
            AantalAfgekeurd = rows - accepted,
            Meldingen = findings,
        };
    }

    private static TeacherRecord? Check(string[] values, string[] columns, int rowNumber, Bestuursnummer bestuursnummer, List<Melding> findings)
    {
        string? Get(string column)
        {
            var index = Array.IndexOf(columns, column);
            return index >= 0 && index < values.Length ? values[index] : null;
        }

        var regelId = Get(TeacherFileColumns.RegelId);
        if (values.Length != columns.Length)
        {
            findings.Add(new Melding(rowNumber, regelId, null, "KOLOMMEN_AANTAL", Ernst.Fout,
                $"De regel heeft {values.Length} velden, de kopregel {columns.Length}.", null));
            return null;
        }

        var before = findings.Count;
        var bestuur = Get(TeacherFileColumns.Bestuursnummer);
        if (bestuur is not null && bestuur != bestuursnummer.Value)
        {
            findings.Add(new Melding(rowNumber, regelId, TeacherFileColumns.Bestuursnummer, "BESTUURSNUMMER_AFWIJKEND", Ernst.Fout,
                $"Het bestuursnummer moet {bestuursnummer.Value} zijn, het bestuur waarvoor het bestand is aangeleverd.", bestuur));
        }

        var bsnText = Get(TeacherFileColumns.Bsn);
        if (!Bsn.TryParse(bsnText, out var bsn))
        {
            findings.Add(new Melding(rowNumber, regelId, TeacherFileColumns.Bsn, "BSN_ONGELDIG", Ernst.Fout,
                "Het BSN moet uit 9 cijfers bestaan en de elfproef doorstaan.", Bsn.Mask(bsnText)));
        }

        var brinText = Get(TeacherFileColumns.Brinnummer);
        if (!Brin.TryParse(brinText, out var brin))
        {
            findings.Add(new Melding(rowNumber, regelId, TeacherFileColumns.Brinnummer, "BRIN_ONGELDIG", Ernst.Fout,
                "Het BRIN-nummer bestaat uit 2 cijfers en 2 letters, bijvoorbeeld 12AB.", brinText));
        }

        if (findings.Count > before)
        {
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++)
        {
            if (columns[i] is not TeacherFileColumns.Bsn and not TeacherFileColumns.Brinnummer && values[i].Length > 0)
            {
                fields[columns[i]] = values[i];
            }
        }

        return new TeacherRecord(rowNumber, bsn, brin, fields);
    }

    private static Melding FileFinding(string code, string? field, string text) =>
        new(null, null, field, code, Ernst.Fout, text, null);

    private static Terugmelding Rejected(string fileName, Bestuursnummer bestuursnummer, params Melding[] findings) => new()
    {
        Bestand = fileName,
        Bestuursnummer = bestuursnummer.Value,
        Status = TerugmeldingStatus.Afgewezen,
        Meldingen = findings,
    };
}
