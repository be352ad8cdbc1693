using System.Globalization;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Tests.Support;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Tests.Files;

/// <summary>The value parsers the validator runs on spans: dates, countries, BSN and BRIN, and what an echo may show.</summary>
public sealed class ParsingTests
{
    [Theory]
    [InlineData("2019-08-01", 2019, 8, 1)]
    [InlineData("2019-8-1", 2019, 8, 1)]
    [InlineData("01-08-2019", 2019, 8, 1)]
    [InlineData("1-8-2019", 2019, 8, 1)]
    [InlineData("1/8/2019", 2019, 8, 1)]
    [InlineData("31/12/1999", 1999, 12, 31)]
    [InlineData(" 29-02-2020 ", 2020, 2, 29)]
    public void DutchDateTryParse_ReadsDutchForms(string text, int year, int month, int day)
    {
        Assert.True(DutchDate.TryParse(text, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2019-08")]
    [InlineData("29-02-2019")]
    [InlineData("2019-13-01")]
    [InlineData("2019-00-10")]
    [InlineData("00-01-2019")]
    [InlineData("0000-01-01")]
    [InlineData("1-8/2019")]
    [InlineData("2019/08/01")]
    [InlineData("01.08.2019")]
    [InlineData("1-8-19")]
    [InlineData("123-8-2019")]
    [InlineData("2019-08-001")]
    [InlineData("2019-08-01T00:00")]
    [InlineData("aa-bb-cccc")]
    [InlineData("-1-8-2019")]
    public void DutchDateTryParse_Fails_WhenNotADutchDate(string text)
    {
        Assert.False(DutchDate.TryParse(text, out _));
    }

    [Fact]
    public void Landcode_KnowsEveryAssignedCode_AndNothingElse()
    {
        Assert.Equal(249, Landcode.Count);
        Assert.True(Landcode.TryParse(" be ", out var be));
        Assert.Equal("BE", be.Value);
        Assert.True(Landcode.TryParse("nl", out var nl));
        Assert.True(nl.IsNederland);
        Assert.All(new[] { "UK", "EU", "XK", "XX", "N", "NLD", "1A", "" }, code => Assert.False(Landcode.TryParse(code, out _)));
    }

    [Fact]
    public void BsnAndBrin_ParseFromSpans_LikeFromStrings()
    {
        Assert.True(Bsn.TryParse(" 12345672 ".AsSpan(), out var bsn));
        Assert.Equal("012345672", bsn.Value);
        Assert.False(Bsn.TryParse("123456789".AsSpan(), out _));
        Assert.Equal("******782", Bsn.Mask("123456782".AsSpan()));
        Assert.True(Brin.TryParse(" 07nu ".AsSpan(), out var brin));
        Assert.Equal("07NU", brin.Value);
        Assert.False(Brin.TryParse("07N".AsSpan(), out _));
    }

    [Theory]
    [InlineData("R-123456782", "R-******782")]
    [InlineData("1234567", "1234567")]
    [InlineData("12345678", "*****678")]
    [InlineData("x1234567890123y", "x**********123y")]
    [InlineData("2019-08-01", "2019-08-01")]
    public void MaskBsnLike_HidesLongDigitRuns(string text, string expected)
    {
        Assert.Equal(expected, Privacy.MaskBsnLike(text));
    }

    [Fact]
    public void AmsterdamToday_UsesDutchCalendarDay()
    {
        Assert.Equal(new DateOnly(2025, 1, 1), AmsterdamTime.Today(new At(new DateTimeOffset(2024, 12, 31, 23, 30, 0, TimeSpan.Zero))));
        Assert.Equal(new DateOnly(2025, 7, 1), AmsterdamTime.Today(new At(new DateTimeOffset(2025, 6, 30, 22, 30, 0, TimeSpan.Zero))));
        Assert.Equal(new DateOnly(2025, 6, 30), AmsterdamTime.Today(new At(new DateTimeOffset(2025, 6, 30, 21, 30, 0, TimeSpan.Zero))));
    }

    [Fact]
    public void FileSniffer_TellsFormats_ByFirstBytes()
    {
        Assert.Equal(FileKind.Empty, FileSniffer.Detect([]));
        Assert.Equal(FileKind.Text, FileSniffer.Detect("bsn;geslacht\r\n\x1A"u8));
        Assert.Equal(FileKind.Text, FileSniffer.Detect([0xEF, 0xBB, 0xBF, (byte)'b', 0xE9]));
        Assert.Equal(FileKind.Xlsx, FileSniffer.Detect("PK\x03\x04rest"u8));
        Assert.Equal(FileKind.OldExcel, FileSniffer.Detect([0xD0, 0xCF, 0x11, 0xE0]));
        Assert.Equal(FileKind.Utf16, FileSniffer.Detect([0xFE, 0xFF, 0, (byte)'b']));
        Assert.Equal(FileKind.Binary, FileSniffer.Detect("ab\0cd"u8));
        Assert.Equal(FileKind.Binary, FileSniffer.Detect("\x01\x02\x03abcdefgh"u8));
    }

    private sealed class At(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

/// <summary>The duplicate index behaves as a map from key to first row, across its growth.</summary>
public sealed class DuplicateIndexTests
{
    [Fact]
    public void FirstOrAdd_ReturnsFirstRow_ForEveryRepeatedKey()
    {
        var index = new DuplicateIndex();
        var random = new Random(3);
        var keys = Enumerable.Range(0, 20_000).Select(_ => (random.Next(0, 1_000_000_000), (uint)random.Next(4), random.Next(3), random.Next(730_000, 740_000))).Distinct().ToList();

        for (var i = 0; i < keys.Count; i++)
        {
            var (bsn, brin, grondslag, day) = keys[i];
            Assert.Equal(0, index.FirstOrAdd(bsn, brin, grondslag, day, i + 2));
        }

        for (var i = 0; i < keys.Count; i++)
        {
            var (bsn, brin, grondslag, day) = keys[i];
            Assert.Equal(i + 2, index.FirstOrAdd(bsn, brin, grondslag, day, 1));
        }

        Assert.Equal(keys.Count, index.Count);
        Assert.Equal(0, index.FirstOrAdd(keys[0].Item1, keys[0].Item2 + 10, keys[0].Item3, keys[0].Item4, 5));
        Assert.Equal(0, index.FirstOrAdd(keys[0].Item1, keys[0].Item2, keys[0].Item3 + 10, keys[0].Item4, 5));
        Assert.Equal(0, index.FirstOrAdd(keys[0].Item1, keys[0].Item2, keys[0].Item3, keys[0].Item4 + 100_000, 5));
    }

    [Fact]
    public void FirstOrAdd_ActsLikeADictionary_WhenKeysMixPackedAndUnpackedAndTablesAreResized()
    {
        // Values on both sides of every packing limit, and keys that differ in one part only, in random order.
        int[] bsns = [-1, 0, 1, 999_999_999, int.MaxValue, .. SyntheticData.Bsns(seed: 5).Take(300).Select(b => int.Parse(b, CultureInfo.InvariantCulture))];
        uint[] brins = [0, 1, .. new[] { "00AA", "99ZZ", "12AB", "12AC", "13AB", "07NU", "12ab", "1AB2", "12A[" }.Select(Code)];
        int[] grondslagen = [-1, 0, 1, 2, 3, 4, 37];
        var first = new DateOnly(1900, 1, 1).DayNumber;
        int[] days = [first - 1, first, first + 1, first + 65_535, first + 65_536, new DateOnly(2019, 8, 1).DayNumber, new DateOnly(2019, 8, 2).DayNumber, int.MinValue];
        var random = new Random(11);
        var index = new DuplicateIndex();
        var expected = new Dictionary<(int, uint, int, int), int>();

        for (var row = 1; row <= 200_000; row++)
        {
            var key = (bsns[random.Next(bsns.Length)], brins[random.Next(brins.Length)], grondslagen[random.Next(grondslagen.Length)], days[random.Next(days.Length)]);
            var want = expected.TryAdd(key, row) ? 0 : expected[key];
            if (row == 50_000)
            {
                // Sized for more keys halfway: the tables are rebuilt to lengths that are no power of two.
                index.Reserve(333_333);
            }

            // A prefetch, of this key or of any other, is a hint that changes nothing.
            index.Prefetch(key.Item1, key.Item2, key.Item3, key.Item4);
            index.Prefetch(bsns[random.Next(bsns.Length)], brins[random.Next(brins.Length)], grondslagen[random.Next(grondslagen.Length)], days[random.Next(days.Length)]);
            Assert.Equal(want, index.FirstOrAdd(key.Item1, key.Item2, key.Item3, key.Item4, row));
        }

        Assert.Equal(expected.Count, index.Count);
    }

    [Fact]
    public void FirstOrAdd_FindsNoDuplicate_WhenAMillionKeysAreDistinct()
    {
        var index = new DuplicateIndex();
        var day = new DateOnly(2019, 8, 1).DayNumber;
        var brin = Code("12AB");
        var bsns = SyntheticData.Bsns(seed: 9).Take(250_000).Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToList();
        var row = 0;
        foreach (var bsn in bsns)
        {
            for (var key = 0; key < 4; key++)
            {
                Assert.Equal(0, index.FirstOrAdd(bsn, brin, key / 2, day + (key % 2), ++row));
            }
        }

        Assert.Equal(row, index.Count);
        Assert.Equal(row, index.FirstOrAdd(bsns[^1], brin, 1, day + 1, row + 1));
        Assert.Equal(1, index.FirstOrAdd(bsns[0], brin, 0, day, row + 1));
    }

    private static uint Code(string brin)
    {
        // An invalid BRIN still gets a code here, to test that the index does not depend on codes being valid.
        return Brin.TryParseCode(brin, out var code) ? code : ((uint)brin[0] << 24) | ((uint)brin[1] << 16) | ((uint)brin[2] << 8) | brin[3];
    }
}
