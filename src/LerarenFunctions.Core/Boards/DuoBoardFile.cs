using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;
using nietras.SeparatedValues;

namespace LerarenFunctions.Core.Boards;

/// <summary>
/// Reads DUO's open-data file "Adressen bevoegde gezagen" (one per sector), optionally with our own column
/// <c>E-MAILADRES</c>. DUO has published it as <c>;</c>-separated Windows-1252 and as comma-separated, fully quoted
/// UTF-8 with a BOM, so the separator comes from the header line and the bytes are decoded as UTF-8 with a
/// Windows-1252 fallback. Columns are found by name, so DUO may add, drop or reorder columns we do not use; those are
/// never kept.
/// </summary>
public static class DuoBoardFile
{
    /// <summary>A sector file has a few thousand boards; far more means a wrong or runaway file.</summary>
    public const int MaxRows = 20_000;

    // DUO's column names, and our own E-MAILADRES; matched ignoring case and surrounding spaces or quotes.
    private const string NummerColumn = "BEVOEGD GEZAG NUMMER";
    private const string NaamColumn = "BEVOEGD GEZAG NAAM";
    private const string PlaatsnaamColumn = "PLAATSNAAM";
    private const string TelefoonnummerColumn = "TELEFOONNUMMER";
    private const string EmailAdresColumn = "E-MAILADRES";

    /// <summary>Enough to hold the header line of any version of the file, to find its separator.</summary>
    private const int HeadBytes = 16 * 1024;

    /// <summary>Longer values are cut short in a reason: an operator needs to recognise the value, not read it whole.</summary>
    private const int MaxQuotedLength = 20;

    // Around a column name: white space (including no-break space), quotes left by odd quoting, and a BOM that a
    // file saved twice may carry inside its first name.
    private static readonly char[] NameNoise = [' ', '\t', '\u00A0', '"', '\uFEFF'];

    /// <summary>
    /// Reads the whole file. Bad rows become <see cref="BoardFile.Errors"/> and the other rows still land; a row whose
    /// bestuursnummer an earlier row already had is an error, whether or not that earlier row was itself fine, because
    /// which of the two describes the board is then unclear. The stream is read to its end and left open.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The header (the first non-empty line) lacks <c>BEVOEGD GEZAG NUMMER</c> or <c>BEVOEGD GEZAG NAAM</c>, or names a
    /// column we use twice; or the file has more than <see cref="MaxRows"/> rows.
    /// </exception>
    public static async Task<BoardFile> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var head = await ReadHeadAsync(stream, cancellationToken);
        var separator = CsvTeacherFile.DetectSeparator(head.Span);
        using var text = DelimitedText.Open(head, stream, HeadBytes);
        using var reader = await DelimitedText.ReadAsync(text, separator, HeadBytes, cancellationToken);

        Columns? columns = null;
        var rows = new List<BoardFileRow>();
        var errors = new List<BoardFileError>();
        var firstLines = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in reader)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (IsEmpty(row))
            {
                continue;
            }

            if (columns is null)
            {
                columns = Columns.FromHeader(row);
                continue;
            }

            if (rows.Count + errors.Count == MaxRows)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"Het bestand heeft meer dan {MaxRows} besturen, terwijl een sectorbestand van DUO er enkele duizenden heeft. Controleer of dit het bestand 'Adressen bevoegde gezagen' is."));
            }

            var line = row.LineNumberFrom;
            if (TryReadRow(row, line, columns, firstLines, out var board, out var reden))
            {
                rows.Add(board);
            }
            else
            {
                errors.Add(new BoardFileError(line, reden));
            }
        }

        // An empty file has no header at all: it lacks the required columns as much as a wrong header does.
        return columns is null ? throw Columns.Missing(nummer: true, naam: true) : new BoardFile(rows, errors);
    }

    private static bool TryReadRow(
        SepReader.Row row,
        int line,
        Columns columns,
        Dictionary<string, int> firstLines,
        [NotNullWhen(true)] out BoardFileRow? board,
        [NotNullWhen(false)] out string? reden)
    {
        board = null;
        if (row.ColCount != columns.Count)
        {
            reden = string.Create(CultureInfo.InvariantCulture,
                $"De regel heeft {row.ColCount} velden, de kopregel {columns.Count}. Controleer de scheidingstekens en aanhalingstekens op deze regel.");
            return false;
        }

        var redenen = new List<string>();
        var nummerText = Field(row, columns.Nummer);
        if (!Bestuursnummer.TryParse(nummerText, out var bestuursnummer))
        {
            redenen.Add(NummerReden(nummerText!));
        }
        else if (!firstLines.TryAdd(bestuursnummer.Value, line))
        {
            redenen.Add(string.Create(CultureInfo.InvariantCulture,
                $"{NummerColumn} {bestuursnummer.Value} staat ook al op regel {firstLines[bestuursnummer.Value]}."));
        }

        var naam = Field(row, columns.Naam);
        if (string.IsNullOrEmpty(naam))
        {
            redenen.Add($"{NaamColumn} is leeg.");
        }

        // The address itself stays out of the reason: it may well be a person's address.
        var emailText = Field(row, columns.EmailAdres);
        EmailAddress? email = EmailAddress.TryParse(emailText, out var parsed) ? parsed : null;
        if (email is null && !string.IsNullOrEmpty(emailText))
        {
            redenen.Add($"{EmailAdresColumn} is geen geldig e-mailadres.");
        }

        if (redenen.Count > 0)
        {
            reden = string.Join(' ', redenen);
            return false;
        }

        reden = null;
        var plaatsnaam = Field(row, columns.Plaatsnaam);
        board = new BoardFileRow(
            line,
            bestuursnummer,
            naam!,
            string.IsNullOrEmpty(plaatsnaam) ? null : plaatsnaam,
            PhoneNumber.TryParse(Field(row, columns.Telefoonnummer), out var telefoon) ? telefoon : null,
            email);
        return true;
    }

    private static string NummerReden(string text)
    {
        if (text.Length == 0)
        {
            return $"{NummerColumn} is leeg.";
        }

        var quoted = text.Length > MaxQuotedLength ? string.Concat(text.AsSpan(0, MaxQuotedLength), "…") : text;
        var reden = $"{NummerColumn} '{quoted}' is geen bestuursnummer (5 cijfers).";
        return text.Length < 5 && text.All(char.IsAsciiDigit)
            ? $"{reden} Waarschijnlijk is de voorloopnul weggevallen, bijvoorbeeld doordat het bestand in Excel is geopend; het nummer wordt niet aangevuld. Zet het als tekst in het bestand: '{text.PadLeft(5, '0')}'."
            : reden;
    }

    /// <summary>
    /// The trimmed field, or null when the column is absent; Sep trims spaces, this also other white space. A line
    /// break or tab inside a quoted field is an accident of layout, not part of a name, and becomes one space.
    /// </summary>
    private static string? Field(SepReader.Row row, int index)
    {
        if (index < 0)
        {
            return null;
        }

        var field = row[index].Span.Trim();
        return field.IndexOfAny('\r', '\n', '\t') < 0
            ? field.ToString()
            : string.Join(' ', field.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static bool IsEmpty(SepReader.Row row)
    {
        for (var i = 0; i < row.ColCount; i++)
        {
            if (!row[i].Span.Trim().IsEmpty)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<ReadOnlyMemory<byte>> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[HeadBytes];
        var length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        return buffer.AsMemory(0, length);
    }

    /// <summary>Where the columns we use are, by position; -1 for an optional column the file does not have.</summary>
    private sealed record Columns(int Count, int Nummer, int Naam, int Plaatsnaam, int Telefoonnummer, int EmailAdres)
    {
        public static Columns FromHeader(SepReader.Row header)
        {
            var names = new string[header.ColCount];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = header[i].ToString().Trim(NameNoise);
            }

            var nummer = IndexOf(names, NummerColumn);
            var naam = IndexOf(names, NaamColumn);
            return nummer < 0 || naam < 0
                ? throw Missing(nummer < 0, naam < 0)
                : new Columns(names.Length, nummer, naam, IndexOf(names, PlaatsnaamColumn), IndexOf(names, TelefoonnummerColumn), IndexOf(names, EmailAdresColumn));
        }

        public static InvalidDataException Missing(bool nummer, bool naam) => new((nummer && naam
            ? $"De kopregel mist de verplichte kolommen '{NummerColumn}' en '{NaamColumn}'."
            : $"De kopregel mist de verplichte kolom '{(nummer ? NummerColumn : NaamColumn)}'.")
            + " Is dit het bestand 'Adressen bevoegde gezagen' van DUO?");

        private static int IndexOf(string[] names, string column)
        {
            var found = -1;
            for (var i = 0; i < names.Length; i++)
            {
                if (names[i].Equals(column, StringComparison.OrdinalIgnoreCase))
                {
                    if (found >= 0)
                    {
                        throw new InvalidDataException($"De kolom '{column}' staat meer dan één keer in de kopregel; laat één kolom met deze naam over.");
                    }

                    found = i;
                }
            }

            return found;
        }
    }
}
