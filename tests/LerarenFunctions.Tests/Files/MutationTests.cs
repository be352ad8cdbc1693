using System.IO.Compression;
using System.Text;
using System.Text.Json;
using LerarenFunctions.Core.Files;
using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Tests.Files;

/// <summary>
/// Random damage to a valid file (fixed seeds, bounded count): the validator must never throw, always answer with a
/// consistent terugmelding, never show a whole BSN, and never fail inside its own code.
/// </summary>
public sealed class MutationTests
{

    private static readonly byte[][] Insertions =
    [
        "\""u8.ToArray(), ";"u8.ToArray(), ","u8.ToArray(), "\t"u8.ToArray(), [0], "\r\n"u8.ToArray(), "\n"u8.ToArray(), "\r"u8.ToArray(),
        [0xFF], [0xC3], [0xE9], "\"\""u8.ToArray(), "|"u8.ToArray(), "=cmd|' /C calc'!A0"u8.ToArray(), "PK\x03\x04"u8.ToArray(),
        [0xEF, 0xBB, 0xBF], "9"u8.ToArray(),
    ];

    // An XLSX costs some milliseconds to open; 1,000 keeps this test to a few seconds on a small machine.
    [Theory]
    [InlineData("csv", 20250115, 2_000)]
    [InlineData("xlsx", 19800501, 1_000)]
    public async Task ValidateAsync_AlwaysAnswersWithATerugmelding_WhenInputIsMutated(string format, int seed, int iterations)
    {
        var rows = Enumerable.Range(1, format == "csv" ? 25 : 12).Select(n => TeacherFiles.Row(n, n % 3 == 0 ? "woonland=BE" : "woonland=", n % 3 == 0 ? "adres_buitenland=Rue \"1\"; Brussel" : "adres_buitenland=")).ToList();
        var original = format == "csv" ? TeacherFiles.Utf8(TeacherFiles.Csv(rows)) : XlsxBuilder.FromRows(rows).Build();
        var secrets = rows.Select(r => r["bsn"]).ToList();
        var logger = new OriginLogger();
        var validator = TeacherFiles.Validator(o => o.MaxRecordBytes = 128 * 1024, logger);
        var random = new Random(seed);
        var statuses = new Dictionary<string, int>();

        for (var i = 0; i < iterations; i++)
        {
            var mutated = format == "csv" ? Mutate(original, random) : random.Next(10) switch
            {
                < 4 => Mutate(original, random),
                < 8 => MutatePart(original, random),
                _ => MutateCells(rows, random),
            };
            Outcome outcome;
            try
            {
                outcome = await TeacherFiles.ValidateAsync(new MemoryStream(mutated), validator: validator);
            }
            catch (Exception ex)
            {
                Assert.Fail($"Mutation {i} threw {ex}");
                throw;
            }

            var report = outcome.Report;
            statuses[report.Status] = statuses.GetValueOrDefault(report.Status) + 1;
            Assert.Contains(report.Status, new[] { TerugmeldingStatus.Goedgekeurd, TerugmeldingStatus.Gedeeltelijk, TerugmeldingStatus.Afgewezen });
            Assert.Equal(report.AantalRegels, report.AantalGoedgekeurd + report.AantalAfgekeurd);
            Assert.Equal(report.Status == TerugmeldingStatus.Afgewezen, report.AantalGoedgekeurd == 0);
            if (report.Status != TerugmeldingStatus.Afgewezen)
            {
                Assert.Equal(report.AantalGoedgekeurd, outcome.Records.Count);
            }

            Assert.All(report.Meldingen, m => Assert.Contains(m.Ernst, new[] { Ernst.Fout, Ernst.Waarschuwing }));
            var json = JsonSerializer.Serialize(report);
            var csv = Encoding.UTF8.GetString(TerugmeldingCsv.ToBytes(report));
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
                Assert.DoesNotContain(secret, csv, StringComparison.Ordinal);
            }
        }

        Assert.Empty(logger.OwnCodeFailures);

        // The mutations must reach the row checks too, not only break the file.
        Assert.True(statuses.GetValueOrDefault(TerugmeldingStatus.Gedeeltelijk) + statuses.GetValueOrDefault(TerugmeldingStatus.Goedgekeurd) > iterations / 50, string.Join(", ", statuses));
    }

    /// <summary>Puts odd values into cells (text, numbers, dates, times), so that the XLSX reader's values reach the checks.</summary>
    private static byte[] MutateCells(List<Dictionary<string, string>> rows, Random random)
    {
        object?[] oddities =
        [
            null, string.Empty, " ", "=cmd|' /C calc'!A0", "\"", "0", -1, 1e300, 0.5, 123456789, 12345672, 43678,
            new DateOnly(1980, 5, 1), new DateOnly(2030, 1, 1), new Styled(0.25, XlsxBuilder.TimeStyle), new Styled(-5, XlsxBuilder.BuiltInDateStyle),
            new Styled(3e6, XlsxBuilder.CustomDateStyle), new string('x', 300), "12ab|", "BE", "708", "a\nb", "1-1-1",
        ];
        var builder = new XlsxBuilder { SharedStrings = random.Next(2) == 0 }.Row([.. TeacherFiles.Columns]);
        foreach (var row in rows)
        {
            var cells = TeacherFiles.Columns.Select(c => row[c].Length == 0 ? null : (object)row[c]).ToList();
            if (random.Next(3) == 0)
            {
                cells[random.Next(cells.Count)] = oddities[random.Next(oddities.Length)];
            }

            if (random.Next(10) == 0)
            {
                cells.Add("extra");
            }

            builder.Row([.. cells]);
        }

        return builder.Build();
    }

    /// <summary>Damages the XML inside one part of the XLSX, so that the zip stays readable and the reader gets bad XML.</summary>
    private static byte[] MutatePart(byte[] xlsx, Random random)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            // Mostly the sheet and its strings: that is where the reader works hardest.
            var names = source.Entries.Select(e => e.FullName).ToList();
            var victim = random.Next(4) switch
            {
                0 or 1 => names.FindIndex(n => n.Contains("sheet", StringComparison.Ordinal)),
                2 => names.FindIndex(n => n.Contains("sharedStrings", StringComparison.Ordinal)),
                _ => random.Next(names.Count),
            };
            for (var i = 0; i < source.Entries.Count; i++)
            {
                using var content = new MemoryStream();
                using (var entry = source.Entries[i].Open())
                {
                    entry.CopyTo(content);
                }

                var bytes = i == victim ? Mutate(content.ToArray(), random) : content.ToArray();
                using var written = target.CreateEntry(source.Entries[i].FullName).Open();
                written.Write(bytes);
            }
        }

        return output.ToArray();
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        var count = random.Next(1, 4);
        for (var m = 0; m < count && bytes.Count > 0; m++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] ^= (byte)random.Next(1, 256);
                    break;
                case 1:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 2:
                case 3:
                    bytes.InsertRange(at, Insertions[random.Next(Insertions.Length)]);
                    break;
                case 4:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 20), bytes.Count - at));
                    break;
                default:
                    var length = Math.Min(random.Next(1, 200), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>Collects where an unreadable file's exception came from; our own code must never be the origin.</summary>
    private sealed class OriginLogger : ILogger<TeacherFileValidator>
    {
        public List<string> OwnCodeFailures { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            if (message.Contains("in LerarenFunctions.", StringComparison.Ordinal) || message.Contains("NullReference", StringComparison.Ordinal)
                || message.Contains("IndexOutOfRange", StringComparison.Ordinal))
            {
                OwnCodeFailures.Add(message);
            }
        }
    }
}
