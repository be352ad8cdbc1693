using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Tests.Files;

/// <summary>
/// Malformed files, generated here (no binaries in the repository), each with the codes its terugmelding must hold.
/// Whatever comes in, the validator answers with a terugmelding.
/// </summary>
public sealed class MalformedCorpusTests
{
    private static readonly string Valid = TeacherFiles.ValidCsv(3);

    private static readonly Dictionary<string, CorpusCase> Cases = Build().ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Fact]
    public void Corpus_HasAtLeastFiftyCases()
    {
        Assert.InRange(Cases.Count, 50, int.MaxValue);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task ValidateAsync_ReportsExpectedCodes_ForMalformedFile(string name)
    {
        var corpusCase = Cases[name];

        var outcome = await TeacherFiles.ValidateAsync(corpusCase.Content(), corpusCase.Options);

        Assert.True(
            corpusCase.Expected.Order(StringComparer.Ordinal).SequenceEqual(outcome.CodeSet.Order(StringComparer.Ordinal)),
            $"Expected [{string.Join(", ", corpusCase.Expected)}], got:{Environment.NewLine}{outcome}");
        Assert.Contains(outcome.Report.Status, new[] { TerugmeldingStatus.Goedgekeurd, TerugmeldingStatus.Gedeeltelijk, TerugmeldingStatus.Afgewezen });
        Assert.All(outcome.Report.Meldingen, m => Assert.False(string.IsNullOrWhiteSpace(m.Tekst)));
    }

    private static IEnumerable<CorpusCase> Build()
    {
        string[] leeg = [MeldingCodes.BestandLeeg];
        string[] onleesbaar = [MeldingCodes.BestandOnleesbaar];
        string[] geenKopregel = [MeldingCodes.KolomOntbreekt, MeldingCodes.KolomOnbekend];
        string[] teGroot = [MeldingCodes.BestandTeGroot];
        string[] kolommen = [MeldingCodes.KolommenAantal];
        string[] niets = [];
        var xlsx = XlsxBuilder.FromRows(Enumerable.Range(1, 40).Select(n => TeacherFiles.Row(n))).Build();

        // Empty or no rows
        yield return new("leeg", () => [], leeg);
        yield return new("alleen-bom", () => [0xEF, 0xBB, 0xBF], leeg);
        yield return new("alleen-witregels", () => Bytes("\r\n\n \t\n\r\n"), leeg);
        yield return new("alleen-scheidingstekens", () => Bytes(";;;\n;;\n"), leeg);
        yield return new("alleen-kopregel", () => Bytes(TeacherFiles.FullHeader), leeg);
        yield return new("kopregel-en-lege-regels", () => Bytes(TeacherFiles.FullHeader + "\r\n\r\n;;;\r\n  \r\n"), leeg);
        yield return new("xlsx-leeg-werkblad", () => new XlsxBuilder().Build(), leeg);
        yield return new("xlsx-alleen-kopregel", () => new XlsxBuilder().Row([.. TeacherFiles.Columns]).Build(), leeg);

        // Not a teacher file at all
        yield return new("nul-bytes", () => Bytes(Valid.Insert(200, "\0\0")), onleesbaar);
        yield return new("willekeurige-bytes", () => RandomBytes(4096, seed: 5), onleesbaar);
        yield return new("oud-xls", () => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[500]], onleesbaar);
        yield return new("utf16-le-met-bom", () => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Valid)], onleesbaar);
        yield return new("utf16-be-met-bom", () => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Valid)], onleesbaar);
        yield return new("utf16-zonder-bom", () => Encoding.Unicode.GetBytes(Valid), onleesbaar);
        yield return new("utf32", () => [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(Valid)], onleesbaar);
        yield return new("pdf", () => Bytes("%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n"), onleesbaar);
        yield return new("png", () => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52], onleesbaar);
        yield return new("gzip", () => Gzip(Bytes(Valid)), onleesbaar);
        yield return new("besturingstekens", () => Bytes(string.Concat(Enumerable.Repeat("\x01\x02\x03\x04abc", 50))), onleesbaar);
        yield return new("zip-zonder-werkmap", () => Zip(("leraren.csv", Valid)), onleesbaar);
        yield return new("docx", Docx, onleesbaar);
        yield return new("xlsx-afgekapt", () => xlsx[..(xlsx.Length / 2)], onleesbaar);
        yield return new("xlsx-alleen-handtekening", () => [(byte)'P', (byte)'K', 3, 4], onleesbaar);
        yield return new("xlsx-kapotte-centrale-map", () => Overwrite(xlsx, xlsx.Length - 40, 30, 0xAA), onleesbaar);
        yield return new("xlsx-kapotte-gegevens", () => Overwrite(xlsx, xlsx.Length / 3, 400, 0x55), onleesbaar);
        yield return new("xlsx-kapotte-werkblad-xml", () => RawXlsx.WithSheet($"<worksheet xmlns=\"{RawXlsx.Main}\"><sheetData><row><c><v>1</v>"), onleesbaar);
        yield return new("xlsx-gedeelde-tekst-buiten-bereik", () => RawXlsx.WithSheet(
            $"<worksheet xmlns=\"{RawXlsx.Main}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>99</v></c></row></sheetData></worksheet>",
            $"<sst xmlns=\"{RawXlsx.Main}\"><si><t>bsn</t></si></sst>"), onleesbaar);
        yield return new("xlsx-zonder-werkblad", () => RawXlsx.WithSheet(string.Empty, addSheet: false), onleesbaar);
        yield return new("xlsx-dtd-entiteiten", () => RawXlsx.WithSheet(
            "<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
            + $"<worksheet xmlns=\"{RawXlsx.Main}\"><sheetData><row><c t=\"inlineStr\"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>"), onleesbaar);
        yield return new("xlsx-kolom-voorbij-xfd", () => RawXlsx.WithSheet(
            $"<worksheet xmlns=\"{RawXlsx.Main}\"><sheetData><row r=\"1\"><c r=\"ZZZZ1\" t=\"inlineStr\"><is><t>bsn</t></is></c></row></sheetData></worksheet>"), onleesbaar);
        yield return new("open-aanhalingsteken-lang", () => Bytes(Valid + "R4;\"" + new string('x', 300_000)), onleesbaar, o => o.MaxRecordBytes = 128 * 1024);

        // A header that is not the contract
        yield return new("tekstbestand", () => Bytes("Beste DUO,\nHierbij de leraren.\nMet vriendelijke groet\n"), geenKopregel);
        yield return new("html", () => Bytes("<html><body><table><tr><td>bsn</td></tr></table></body></html>"), geenKopregel);
        yield return new("json", () => Bytes("[{\"bsn\":\"123456782\",\"geslacht\":\"V\"}]"), geenKopregel);
        yield return new("xml", () => Bytes("<?xml version=\"1.0\"?><leraren><leraar bsn=\"123456782\"/></leraren>"), geenKopregel);
        yield return new("excel-sep-regel", () => Bytes("sep=;\r\n" + Valid), geenKopregel);
        yield return new("pipe-gescheiden", () => Bytes(Valid.Replace(';', '|')), geenKopregel);
        yield return new("geen-kopregel", () => Bytes(Valid.Split("\r\n", 2)[1]), geenKopregel);
        yield return new("kolom-ontbreekt", () => Bytes(Valid.Replace("begindatum_benoeming", "begin_benoeming", StringComparison.Ordinal)), geenKopregel);
        yield return new("kolom-dubbel", () => Bytes(Valid.Replace("einddatum_dienstverband", "BSN", StringComparison.Ordinal)), [MeldingCodes.KolomDubbel]);

        // Limits
        yield return new("te-veel-regels", () => Bytes(TeacherFiles.ValidCsv(6)), teGroot, o => o.MaxRows = 5);
        yield return new("te-veel-bytes", () => Bytes(TeacherFiles.ValidCsv(30)), teGroot, o => o.MaxFileBytes = 1000);
        yield return new("xlsx-te-veel-bytes", () => xlsx, teGroot, o => o.MaxFileBytes = 1000);
        yield return new("xlsx-uitgepakt-te-groot", () => xlsx, teGroot, o => o.MaxXlsxUnpackedBytes = 4096);

        // Broken rows
        yield return new("open-aanhalingsteken-kort", () => Bytes(Valid + "R4;\"10053;123456782;V\r\nR5;10053\r\n"), kolommen);
        yield return new("los-aanhalingsteken-midden-in-veld", () => Bytes(Valid + "R\"4;10053\r\n"), kolommen);
        yield return new("te-weinig-velden", () => Bytes(Valid + "R4;10053;123456782\r\n"), kolommen);
        yield return new("te-veel-velden", () => Bytes(Valid.TrimEnd() + ";extra\r\n"), kolommen);
        yield return new("honderdduizend-velden", () => Bytes(Valid + "R4" + new string(';', 100_000) + "\r\n"), kolommen);
        yield return new("dos-eof-teken", () => Bytes(Valid + "\x1A"), kolommen);
        yield return new("enorm-veld", () => Bytes(TeacherFiles.Csv([TeacherFiles.Row(1, "regel_id=" + new string('r', 100_000))])), [MeldingCodes.VeldTeLang]);
        yield return new("enorm-veld-bsn", () => Bytes(TeacherFiles.Csv([TeacherFiles.Row(1, "bsn=" + new string('1', 50_000))])), [MeldingCodes.VeldTeLang]);
        yield return new("formule-in-geslacht", () => Bytes(TeacherFiles.Csv([TeacherFiles.Row(1, "regel_id==1+1", "geslacht==cmd|' /C calc'!A0")])), [MeldingCodes.GeslachtOngeldig]);
        yield return new("formule-in-datum", () => Bytes(TeacherFiles.Csv([TeacherFiles.Row(1, "geboortedatum=+1-1"), TeacherFiles.Row(2, "begindatum_dienstverband=@NOW()")])), [MeldingCodes.DatumOngeldig]);
        yield return new("besturingsteken-in-bsn", () => Bytes(TeacherFiles.Csv([TeacherFiles.Row(1, "bsn=1234\x0156782")])), [MeldingCodes.BsnOngeldig]);
        yield return new("datums-ongeldig", () => Bytes(TeacherFiles.Csv(
            [TeacherFiles.Row(1, "geboortedatum=1980-13-01"), TeacherFiles.Row(2, "geboortedatum=29-02-2019"), TeacherFiles.Row(3, "geboortedatum=00-01-1980")])), [MeldingCodes.DatumOngeldig]);
        yield return new("dubbele-regels", () => Bytes(TeacherFiles.Csv([TeacherFiles.Row(1), TeacherFiles.Row(1), TeacherFiles.Row(1)])), [MeldingCodes.RegelDubbel]);
        yield return new("ander-bestuur", () => Bytes(Valid.Replace(";10053;", ";40169;", StringComparison.Ordinal)), [MeldingCodes.BestuursnummerAfwijkend]);
        yield return new("xlsx-foutwaarden", () => RawXlsx.WithSheet(RawXlsx.SheetWithoutReferences(
            [TeacherFiles.Columns, TeacherFiles.Columns.Select(c => c == "geboortedatum" ? "#N/A" : TeacherFiles.Row(1)[c] is { Length: > 0 } v ? v : null)])), [MeldingCodes.DatumOngeldig]);

        // Odd but readable: nothing to report
        yield return new("windows-1252", () => CsvFormatTests.CodePagesEncoding1252().GetBytes(TeacherFiles.Csv([TeacherFiles.Row(1, "regel_id=Zoë én Chloé")])), niets);
        yield return new("ongeldige-utf8-reeksen", () =>
            [.. Bytes(Valid), (byte)'R', 0xC0, 0xAF, 0x80, 0xED, 0xA0, 0x80, .. Bytes(";10053;" + TeacherFiles.Bsn(9) + ";V;1980-05-01;;;701;;2019-08-01;;12AB;;;2019-08-01;\r\n")], niets);
        yield return new("dubbele-bom", () => Bytes("\uFEFF\uFEFF" + Valid), niets);
        yield return new("alleen-cr", () => Bytes(Valid.Replace("\r\n", "\r", StringComparison.Ordinal)), niets);
        yield return new("harde-spaties", () => Bytes(TeacherFiles.Csv([TeacherFiles.Row(1, "bsn=\u00A0" + TeacherFiles.Bsn(1) + "\u00A0", "geslacht= V\u00A0")])), niets);
        yield return new("xlsx-zonder-verwijzingen", () => RawXlsx.WithSheet(RawXlsx.SheetWithoutReferences(
            [TeacherFiles.Columns, TeacherFiles.Columns.Select(c => TeacherFiles.Row(1)[c] is { Length: > 0 } v ? v : null)])), niets);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Overwrite(byte[] source, int at, int length, byte value)
    {
        var bytes = (byte[])source.Clone();
        bytes.AsSpan(at, length).Fill(value);
        return bytes;
    }

    private static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(content);
            }
        }

        return output.ToArray();
    }

    private static byte[] Docx()
    {
        using var output = new MemoryStream();
        using (var document = WordprocessingDocument.Create(output, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            document.AddMainDocumentPart().Document = new Document(new Body(new Paragraph(new Run(new Text("bsn;geslacht")))));
        }

        return output.ToArray();
    }

    private sealed record CorpusCase(string Name, Func<byte[]> Content, string[] Expected, Action<TeacherFileOptions>? Options = null);
}
