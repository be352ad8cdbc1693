using System.Globalization;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Tests.Files;

/// <summary>
/// One row of an XLSX may hold no more text than one CSV record may take. Without that bound a row of 15,000 cells of
/// Excel's full length unpacks to less than the unpack budget from a zip of some hundred kilobytes, yet holds a
/// gigabyte of strings: an out-of-memory that the trigger retries, where the file should be rejected at once.
/// </summary>
public sealed class XlsxRowLimitsTests
{
    /// <summary>Cells of Excel's full length in the hostile row: together just under the unpack budget.</summary>
    private const int HugeCells = 15_000;

    private static readonly int MaxRowCharacters = new TeacherFileOptions().MaxRecordBytes;

    private static readonly string FullCell = new('x', XlsxLimitsTests.ExcelMaxCellCharacters);

    [Theory]
    [InlineData("header")]
    [InlineData("unknownColumns")]
    [InlineData("besideTheHeader")]
    public async Task ValidateAsync_RejectsAsUnreadable_WhenOneRowHoldsMoreTextThanACsvRecordMay(string where)
    {
        var columns = TeacherFiles.Columns.Count;
        var xlsx = new StreamedXlsx
        {
            Sheet = w =>
            {
                w.Write(StreamedXlsx.SheetStart);
                switch (where)
                {
                    case "header":
                        w.Write("<row r=\"1\">");
                        HugeCellsFrom(w, 0, 1);
                        w.Write("</row>");
                        break;
                    case "unknownColumns":
                        // A header this wide is allowed; its unknown columns are only warned about.
                        w.Write(StreamedXlsx.InlineRow(1, TeacherFiles.Columns.Concat(Enumerable.Range(1, HugeCells).Select(i => string.Create(CultureInfo.InvariantCulture, $"notitie{i}")))));
                        w.Write(StreamedXlsx.ValidRow(2, 1)[..^"</row>".Length]);
                        HugeCellsFrom(w, columns, 2);
                        w.Write("</row>");
                        break;
                    default:
                        w.Write(StreamedXlsx.HeaderRow + StreamedXlsx.ValidRow(2, 1)[..^"</row>".Length]);
                        HugeCellsFrom(w, columns, 2);
                        w.Write("</row>");
                        break;
                }

                w.Write(StreamedXlsx.SheetEnd);
            },
        };

        await XlsxLimitsTests.AssertUnreadableWithinAsync(xlsx.Build(), XlsxLimitsTests.MemoryBound, FileMeldingen.ExcelRegelTeLang(where == "header" ? 1 : 2, MaxRowCharacters));
    }

    [Fact]
    public async Task ValidateAsync_ReadsRow_WhenItsTextBesideTheHeaderStaysWithinTheBudget()
    {
        // Notes beside the table of nearly the whole budget: warned about, and the row is read as any other.
        var notes = (MaxRowCharacters - 1_000) / FullCell.Length;
        var columns = TeacherFiles.Columns.Count;
        var xlsx = new StreamedXlsx
        {
            Sheet = w =>
            {
                w.Write(StreamedXlsx.SheetStart + StreamedXlsx.HeaderRow + StreamedXlsx.ValidRow(2, 1)[..^"</row>".Length]);
                for (var i = 0; i < notes; i++)
                {
                    w.Write($"<c r=\"{XlsxBuilder.ColumnName(columns + i)}2\" t=\"inlineStr\"><is><t>{FullCell}</t></is></c>");
                }

                w.Write("</row>" + StreamedXlsx.ValidRow(3, 2) + StreamedXlsx.SheetEnd);
            },
        };

        var outcome = await TeacherFiles.ValidateAsync(xlsx.Build());

        Assert.Equal(["R1", "R2"], outcome.Records.Select(r => r.RowReference));
        Assert.All(outcome.Report.Meldingen, m => Assert.Equal((MeldingCodes.KolomOnbekend, Ernst.Waarschuwing), (m.Code, m.Ernst)));
        Assert.Equal((TerugmeldingStatus.Goedgekeurd, 2), (outcome.Report.Status, outcome.Report.AantalRegels));
    }

    [Fact]
    public async Task ValidateAsync_ChecksRow_WhenItHasValuesOnlyInUnknownColumns()
    {
        // As in a CSV: a value under a named column makes the row a row, even when the rules never read that column.
        var xlsx = new XlsxBuilder()
            .Row([.. TeacherFiles.Columns, "opmerking"])
            .Row([.. TeacherFiles.Columns.Select(c => TeacherFiles.Row(1)[c] is { Length: > 0 } v ? (object)v : null), null])
            .Row([.. TeacherFiles.Columns.Select(_ => (object?)null), "alleen een opmerking"]);

        var outcome = await TeacherFiles.ValidateAsync(xlsx.Build());

        Assert.Equal(["R1"], outcome.Records.Select(r => r.RowReference));
        Assert.Equal((TerugmeldingStatus.Gedeeltelijk, 2), (outcome.Report.Status, outcome.Report.AantalRegels));
        Assert.Contains(outcome.Report.Meldingen, m => m.Regel == 3 && m.Code == MeldingCodes.VerplichtVeldLeeg);
    }

    /// <summary>Writes <see cref="HugeCells"/> cells of Excel's full length from column <paramref name="first"/> (0-based) on.</summary>
    private static void HugeCellsFrom(TextWriter writer, int first, int regel)
    {
        for (var i = 0; i < HugeCells; i++)
        {
            writer.Write("<c r=\"");
            writer.Write(XlsxBuilder.ColumnName(first + i));
            writer.Write(regel.ToString(CultureInfo.InvariantCulture));
            writer.Write("\" t=\"inlineStr\"><is><t>");
            writer.Write(FullCell);
            writer.Write("</t></is></c>");
        }
    }
}
