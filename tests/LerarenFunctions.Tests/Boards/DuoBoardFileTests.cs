using LerarenFunctions.LocalHost.Development;
using System.Text;
using LerarenFunctions.Core.Boards;

namespace LerarenFunctions.Tests.Boards;

/// <summary>DUO's "Adressen bevoegde gezagen": both layouts, what a row keeps, which rows are refused and why.</summary>
public sealed class DuoBoardFileTests
{
    private const string Header =
        "BEVOEGD GEZAG NUMMER;BEVOEGD GEZAG NAAM;STRAATNAAM;HUISNUMMER-TOEVOEGING;POSTCODE;PLAATSNAAM;GEMEENTENUMMER;GEMEENTENAAM;"
        + "DENOMINATIE;TELEFOONNUMMER;INTERNETADRES;STRAATNAAM CORRESPONDENTIEADRES;HUISNUMMER-TOEVOEGING CORRESPONDENTIEADRES;"
        + "POSTCODE CORRESPONDENTIEADRES;PLAATSNAAM CORRESPONDENTIEADRES;ADMINISTRATIEKANTOORNUMMER;KVK-NUMMER;E-MAILADRES";

    [Fact]
    public async Task ReadAsync_ReadsOldLayout_WhenSemicolonsAndWindows1252()
    {
        var csv = Header + "\r\n"
            + Row("10001", "Stichting Café Voorbeeld", "PROEFDORP", "010-1234567", "Info@Voorbeeld.EXAMPLE") + "\r\n"
            + Row("10002", "Vereniging Ideeën Zuid", "TESTSTAD", "", "") + "\r\n";

        var file = await ReadAsync(Windows1252(csv));

        Assert.Empty(file.Errors);
        Assert.Collection(
            file.Rows,
            r =>
            {
                Assert.Equal(2, r.Line);
                Assert.Equal("10001", r.Bestuursnummer.Value);
                Assert.Equal("Stichting Café Voorbeeld", r.Naam);
                Assert.Equal("PROEFDORP", r.Plaatsnaam);
                Assert.Equal("0101234567", r.Telefoonnummer?.Value);
                Assert.Equal("Info@voorbeeld.example", r.EmailAdres?.Value);
            },
            r =>
            {
                Assert.Equal(3, r.Line);
                Assert.Equal("Vereniging Ideeën Zuid", r.Naam);
                Assert.Null(r.Telefoonnummer);
                Assert.Null(r.EmailAdres);
            });
    }

    [Fact]
    public async Task ReadAsync_ReadsNewLayout_WhenCommasQuotedAndUtf8Bom()
    {
        var csv = Quoted(Header.Split(';')) + "\r\n"
            + Quoted(Fields("10003", "Stichting Noord, Oost en Zuid", "VOORBEELDSTAD", "+31 (0)20 123 45 67", "bestuur@example.nl")) + "\r\n"
            + Quoted(Fields("10004", "Stichting Coöperatie \"Het Voorbeeld\"", "'S-PROEFBOSCH", "020-1234567", "")) + "\r\n";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();

        var file = await ReadAsync(bytes);

        Assert.Empty(file.Errors);
        Assert.Equal(["Stichting Noord, Oost en Zuid", "Stichting Coöperatie \"Het Voorbeeld\""], file.Rows.Select(r => r.Naam));
        Assert.Equal(["VOORBEELDSTAD", "'S-PROEFBOSCH"], file.Rows.Select(r => r.Plaatsnaam));
        Assert.Equal(["0201234567", "0201234567"], file.Rows.Select(r => r.Telefoonnummer?.Value));
        Assert.Equal("bestuur@example.nl", file.Rows[0].EmailAdres?.Value);
        Assert.Equal([2, 3], file.Rows.Select(r => r.Line));
    }

    [Fact]
    public async Task ReadAsync_FindsColumnsByName_WhenCaseSpacesQuotesAndOrderDiffer()
    {
        // Only the two required columns and one optional one, reordered, in odd case and spacing.
        var csv = " \"telefoonnummer\" ;\" Bevoegd Gezag Naam \"; bevoegd gezag nummer \r\n070-1234567;Stichting Voorbeeld;10005\r\n";

        var file = await ReadAsync(Encoding.UTF8.GetBytes(csv));

        var row = Assert.Single(file.Rows);
        Assert.Equal("10005", row.Bestuursnummer.Value);
        Assert.Equal("Stichting Voorbeeld", row.Naam);
        Assert.Equal("0701234567", row.Telefoonnummer?.Value);
        Assert.Null(row.Plaatsnaam);
        Assert.Null(row.EmailAdres);
    }

    [Fact]
    public async Task ReadAsync_KeepsLeadingZeros_WhenNumbersStartWithZero()
    {
        var csv = Header + "\r\n" + Row("01234", "Stichting Nulpunt", "NULDORP", "010-1234567", "") + "\r\n";

        var file = await ReadAsync(Windows1252(csv));

        Assert.Equal("01234", Assert.Single(file.Rows).Bestuursnummer.Value);
    }

    [Fact]
    public async Task ReadAsync_ReportsBadRows_WithLineAndReason_WhileGoodRowsLand()
    {
        var csv = string.Join("\r\n",
            Header,
            Row("10001", "Stichting Goed Een", "PROEFDORP", "010-1234567", "info@example.nl"),
            Row("1005", "Stichting Excel", "PROEFDORP", "", ""),
            string.Empty,
            Row("10006", "  ", "PROEFDORP", "", ""),
            Row("10007", "Stichting Fout Adres", "PROEFDORP", "", "info@@example.nl"),
            "10008;Stichting Te Kort;PROEFDORP",
            Row("1000A", "Stichting Letter", "PROEFDORP", "", ""),
            Row("", "", "PROEFDORP", "", "geen adres"),
            Row("10009", "Stichting Rommelig Nummer", "PROEFDORP", "tel. onbekend", ""),
            Row("10010", "Stichting Goed Twee", "PROEFDORP", "", ""),
            string.Empty);

        var file = await ReadAsync(Windows1252(csv));

        Assert.Equal([2, 10, 11], file.Rows.Select(r => r.Line));
        Assert.Null(file.Rows[1].Telefoonnummer);
        Assert.Equal(
            [
                new(3, "BEVOEGD GEZAG NUMMER '1005' is geen bestuursnummer (5 cijfers). Waarschijnlijk is de voorloopnul weggevallen, bijvoorbeeld doordat het bestand in Excel is geopend; het nummer wordt niet aangevuld. Zet het als tekst in het bestand: '01005'."),
                new(5, "BEVOEGD GEZAG NAAM is leeg."),
                new(6, "E-MAILADRES is geen geldig e-mailadres."),
                new(7, "De regel heeft 3 velden, de kopregel 18. Controleer de scheidingstekens en aanhalingstekens op deze regel."),
                new(8, "BEVOEGD GEZAG NUMMER '1000A' is geen bestuursnummer (5 cijfers)."),
                new(9, "BEVOEGD GEZAG NUMMER is leeg. BEVOEGD GEZAG NAAM is leeg. E-MAILADRES is geen geldig e-mailadres."),
            ],
            file.Errors);
    }

    [Fact]
    public async Task ReadAsync_CountsFileLinesAndJoinsName_WhenQuotedFieldSpansLines()
    {
        var csv = Header + "\n"
            + Row("10001", "\"Stichting\r\n Over Twee\tRegels\"", "PROEFDORP", "", "") + "\n"
            + Row("", "Stichting Zonder Nummer", "PROEFDORP", "", "") + "\n";

        var file = await ReadAsync(Encoding.UTF8.GetBytes(csv));

        var row = Assert.Single(file.Rows);
        Assert.Equal(2, row.Line);
        Assert.Equal("Stichting Over Twee Regels", row.Naam);
        Assert.Equal(4, Assert.Single(file.Errors).Line);
    }

    [Fact]
    public async Task ReadAsync_ReportsDuplicate_WithLineOfFirstRow()
    {
        var csv = string.Join("\r\n",
            Header,
            Row("10001", "Stichting Eerste", "PROEFDORP", "", ""),
            Row("10002", "Stichting Anders", "PROEFDORP", "", ""),
            Row(" 10001 ", "Stichting Tweede", "PROEFDORP", "", ""),
            Row("10002", "Stichting Derde", "PROEFDORP", "", ""));

        var file = await ReadAsync(Windows1252(csv));

        Assert.Equal(["Stichting Eerste", "Stichting Anders"], file.Rows.Select(r => r.Naam));
        Assert.Equal(
            [
                new(4, "BEVOEGD GEZAG NUMMER 10001 staat ook al op regel 2."),
                new(5, "BEVOEGD GEZAG NUMMER 10002 staat ook al op regel 3."),
            ],
            file.Errors);
    }

    [Theory]
    [InlineData("BEVOEGD GEZAG NAAM;PLAATSNAAM", "'BEVOEGD GEZAG NUMMER'")]
    [InlineData("BEVOEGD GEZAG NUMMER;PLAATSNAAM", "'BEVOEGD GEZAG NAAM'")]
    [InlineData("BEVOEGD_GEZAG_NUMMER;NAAM", "'BEVOEGD GEZAG NUMMER' en 'BEVOEGD GEZAG NAAM'")]
    [InlineData("", "'BEVOEGD GEZAG NUMMER' en 'BEVOEGD GEZAG NAAM'")]
    [InlineData("\r\n  \r\n", "'BEVOEGD GEZAG NUMMER' en 'BEVOEGD GEZAG NAAM'")]
    public async Task ReadAsync_Throws_WhenRequiredColumnMissing(string header, string missing)
    {
        var exception = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAsync(Encoding.UTF8.GetBytes(header + "\r\n")));

        Assert.Contains("mist de verplichte kolom", exception.Message, StringComparison.Ordinal);
        Assert.Contains(missing, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_Throws_WhenUsedColumnAppearsTwice()
    {
        var exception = await Assert.ThrowsAsync<InvalidDataException>(
            () => ReadAsync(Encoding.UTF8.GetBytes("BEVOEGD GEZAG NUMMER;BEVOEGD GEZAG NAAM;bevoegd gezag naam\r\n10001;A;B\r\n")));

        Assert.Contains("'BEVOEGD GEZAG NAAM' staat meer dan één keer", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_Throws_WhenMoreThanMaxRows()
    {
        static byte[] Csv(int rows) => Encoding.UTF8.GetBytes(
            "BEVOEGD GEZAG NUMMER;BEVOEGD GEZAG NAAM\n" + string.Concat(Enumerable.Range(0, rows).Select(i => $"{i:D5};Stichting {i}\n")));

        var full = await ReadAsync(Csv(DuoBoardFile.MaxRows));
        var exception = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAsync(Csv(DuoBoardFile.MaxRows + 1)));

        Assert.Equal(DuoBoardFile.MaxRows, full.Rows.Count);
        Assert.Contains("meer dan 20000 besturen", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_ReadsShippedSample_WithOneBoardWithoutEmail()
    {
        var path = Path.Combine(RepositoryRoot.Find(), "docs", "voorbeelden", "adressen-bevoegde-gezagen-vo.csv");
        await using var stream = File.OpenRead(path);

        var file = await DuoBoardFile.ReadAsync(stream, CancellationToken.None);

        Assert.Empty(file.Errors);
        Assert.Equal(8, file.Rows.Count);
        Assert.Equal(Enumerable.Range(10001, 8).Select(n => $"{n}"), file.Rows.Select(r => r.Bestuursnummer.Value));
        Assert.Equal("10008", Assert.Single(file.Rows, r => r.EmailAdres is null).Bestuursnummer.Value);
        Assert.Equal("10007", Assert.Single(file.Rows, r => r.Telefoonnummer is null).Bestuursnummer.Value);
        Assert.Contains(file.Rows, r => r.Naam == "Stichting Lycée Fictief");
        Assert.Contains(file.Rows, r => r.Naam == "Stichting Scholengroep Ideeën West");
        Assert.Contains(file.Rows, r => r.Naam == "Stichting Coöperatief Testonderwijs" && r.Telefoonnummer?.Value == "0401234567");
    }

    [Fact]
    public async Task ReadAsync_ReadsTheSampleBoardOfTheSampleDelivery_WhenItIsUtf8WithBom()
    {
        var path = Path.Combine(RepositoryRoot.Find(), "docs", "voorbeelden", "adressen-bevoegde-gezagen-10053.csv");
        await using var stream = File.OpenRead(path);

        var file = await DuoBoardFile.ReadAsync(stream, CancellationToken.None);

        Assert.Empty(file.Errors);
        var row = Assert.Single(file.Rows);
        Assert.Equal(("10053", "Stichting Voorbeeldbestuur", "contact@voorbeeldbestuur.example"), (row.Bestuursnummer.Value, row.Naam, row.EmailAdres?.Value));
    }

    private static Task<BoardFile> ReadAsync(byte[] bytes) => DuoBoardFile.ReadAsync(new MemoryStream(bytes), CancellationToken.None);

    private static string[] Fields(string nummer, string naam, string plaatsnaam, string telefoon, string email) =>
        [nummer, naam, "Voorbeeldstraat", "1", "9999 AA", plaatsnaam, "0999", "Voorbeeld", "Openbaar", telefoon,
            "www.voorbeeld.example", "Postbus", "1", "9999 AB", plaatsnaam, "00012", "01234567", email];

    private static string Row(string nummer, string naam, string plaatsnaam, string telefoon, string email) =>
        string.Join(';', Fields(nummer, naam, plaatsnaam, telefoon, email));

    private static string Quoted(IEnumerable<string> fields) => string.Join(',', fields.Select(Quote));

    private static string Quote(string field) => $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static byte[] Windows1252(string text) => CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text);
}
