using System.Globalization;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Tests.Files;

/// <summary>One row per rule: each code of the issue, produced by the smallest change to a valid row.</summary>
public sealed class RowRuleTests
{
    public static TheoryData<string, string, string> Breaches => new()
    {
        // change, expected code, expected veld
        { "bestuursnummer=1005", MeldingCodes.BestuursnummerOngeldig, "bestuursnummer" },
        { "bestuursnummer=1005A", MeldingCodes.BestuursnummerOngeldig, "bestuursnummer" },
        { "bestuursnummer=10054", MeldingCodes.BestuursnummerAfwijkend, "bestuursnummer" },
        { "bsn=123456789", MeldingCodes.BsnOngeldig, "bsn" },
        { "bsn=000000000", MeldingCodes.BsnOngeldig, "bsn" },
        { "bsn=12345678a", MeldingCodes.BsnOngeldig, "bsn" },
        { "bsn=1234567820", MeldingCodes.BsnOngeldig, "bsn" },
        { "geslacht=Q", MeldingCodes.GeslachtOngeldig, "geslacht" },
        { "geslacht=man", MeldingCodes.GeslachtOngeldig, "geslacht" },
        { "geboortedatum=31-02-1980", MeldingCodes.DatumOngeldig, "geboortedatum" },
        { "geboortedatum=1980/05/01", MeldingCodes.DatumOngeldig, "geboortedatum" },
        { "geboortedatum=1-5-80", MeldingCodes.DatumOngeldig, "geboortedatum" },
        { "geboortedatum=gisteren", MeldingCodes.DatumOngeldig, "geboortedatum" },
        { "geboortedatum=01.05.1980", MeldingCodes.DatumOngeldig, "geboortedatum" },
        { "geboortedatum=2025-01-16", MeldingCodes.DatumInToekomst, "geboortedatum" },
        { "geboortedatum=2010-01-16", MeldingCodes.LeeftijdOnwaarschijnlijk, "geboortedatum" },
        { "geboortedatum=1924-01-15", MeldingCodes.LeeftijdOnwaarschijnlijk, "geboortedatum" },
        { "woonland=XX", MeldingCodes.WoonlandOngeldig, "woonland" },
        { "woonland=UK", MeldingCodes.WoonlandOngeldig, "woonland" },
        { "woonland=NLD", MeldingCodes.WoonlandOngeldig, "woonland" },
        { "woonland=BE", MeldingCodes.AdresBuitenlandVerplicht, "adres_buitenland" },
        { "benoemingsgrondslag=799", MeldingCodes.GrondslagOnbekend, "benoemingsgrondslag" },
        { "benoemingsgrondslag=708", MeldingCodes.OnderwijsterreinVerplicht, "onderwijsterrein" },
        { "einddatum_benoeming=2019-07-31", MeldingCodes.EinddatumVoorBegindatum, "einddatum_benoeming" },
        { "einddatum_benoeming=31-13-2020", MeldingCodes.DatumOngeldig, "einddatum_benoeming" },
        { "einddatum_dienstverband=1-1-2018", MeldingCodes.EinddatumVoorBegindatum, "einddatum_dienstverband" },
        { "begindatum_dienstverband=2019-02-30", MeldingCodes.DatumOngeldig, "begindatum_dienstverband" },
        { "brinnummer=1X2Y", MeldingCodes.BrinOngeldig, "brinnummer" },
        { "brinnummer=12ABC", MeldingCodes.BrinOngeldig, "brinnummer" },
        { "extra_brinnummers=34CD|XYZ", MeldingCodes.BrinOngeldig, "extra_brinnummers" },
        { "brin_volgnummer=123", MeldingCodes.VolgnummerOngeldig, "brin_volgnummer" },
        { "brin_volgnummer=A1", MeldingCodes.VolgnummerOngeldig, "brin_volgnummer" },
        { "regel_id=" + new string('r', 37), MeldingCodes.VeldTeLang, "regel_id" },
        { "adres_buitenland=" + new string('a', 201), MeldingCodes.VeldTeLang, "adres_buitenland" },
        { "bsn=" + new string('1', 201), MeldingCodes.VeldTeLang, "bsn" },
        { "bsn=", MeldingCodes.VerplichtVeldLeeg, "bsn" },
        { "begindatum_benoeming=  ", MeldingCodes.VerplichtVeldLeeg, "begindatum_benoeming" },
    };

    public static TheoryData<string> RequiredColumns => [.. TeacherFileColumns.Required];

    public static TheoryData<string> ValidVariants => new()
    {
        "geslacht=m",
        "geslacht= o ",
        "geslacht=x",
        "bsn=12345672",
        "bsn= 111222333 ",
        "geboortedatum=1-5-1980",
        "geboortedatum=01/05/1980",
        "geboortedatum=1980-5-1",
        "geboortedatum=2010-01-15",
        "geboortedatum=1924-01-16",
        "woonland=nl",
        "woonland=be&adres_buitenland=Grote Markt 1, 1000 Brussel",
        "benoemingsgrondslag=708&onderwijsterrein=VO",
        "brinnummer=12ab",
        "brin_volgnummer=1",
        "brin_volgnummer=00",
        "extra_brinnummers=34cd|",
        "extra_brinnummers=|",
        "einddatum_benoeming=2019-08-01",
        "einddatum_dienstverband=31/07/2020",
        "regel_id=" + "r23456789012345678901234567890123456",
        "onderwijsterrein=PO",
    };

    [Theory]
    [MemberData(nameof(Breaches))]
    public async Task ValidateAsync_ReportsCodeOnField_WhenRowBreaksRule(string change, string code, string veld)
    {
        var csv = TeacherFiles.Csv([TeacherFiles.Row(1), TeacherFiles.Row(2, change)]);

        var outcome = await TeacherFiles.ValidateAsync(csv);

        var melding = Assert.Single(outcome.Report.Meldingen);
        var regelId = change.StartsWith("regel_id=", StringComparison.Ordinal) ? change["regel_id=".Length..] : "R2";
        Assert.Equal((code, veld, 3, regelId, Ernst.Fout), (melding.Code, melding.Veld, melding.Regel, melding.RegelId, melding.Ernst));
        Assert.False(string.IsNullOrWhiteSpace(melding.Tekst));
        Assert.Equal(TerugmeldingStatus.Gedeeltelijk, outcome.Report.Status);
        Assert.Equal((2, 1, 1), (outcome.Report.AantalRegels, outcome.Report.AantalGoedgekeurd, outcome.Report.AantalAfgekeurd));
        Assert.Equal([1], outcome.Records.Select(r => r.Row - 1));
    }

    [Theory]
    [MemberData(nameof(RequiredColumns))]
    public async Task ValidateAsync_ReportsVerplichtVeldLeeg_WhenRequiredFieldIsEmpty(string column)
    {
        var outcome = await TeacherFiles.ValidateAsync(TeacherFiles.Csv([TeacherFiles.Row(1, column + "=")]));

        var melding = Assert.Single(outcome.Report.Meldingen);
        Assert.Equal((MeldingCodes.VerplichtVeldLeeg, column), (melding.Code, melding.Veld));
        Assert.Null(melding.Waarde);
        Assert.Equal(TerugmeldingStatus.Afgewezen, outcome.Report.Status);
    }

    [Theory]
    [MemberData(nameof(ValidVariants))]
    public async Task ValidateAsync_AcceptsRow_WhenValueIsAValidVariant(string changes)
    {
        var outcome = await TeacherFiles.ValidateAsync(TeacherFiles.Csv([TeacherFiles.Row(1, changes.Split('&'))]));

        Assert.True(outcome.Report.Meldingen.Count == 0, outcome.ToString());
        Assert.Single(outcome.Records);
        Assert.Equal(TerugmeldingStatus.Goedgekeurd, outcome.Report.Status);
    }

    [Theory]
    [InlineData("2028-02-29", "2013-02-28", true)]
    [InlineData("2028-02-29", "2013-03-01", false)]
    [InlineData("2027-02-28", "2012-02-29", false)]
    [InlineData("2027-03-01", "2012-02-29", true)]
    [InlineData("2028-02-29", "1927-03-01", true)]
    [InlineData("2028-02-29", "1927-02-28", false)]
    [InlineData("2027-02-28", "1926-03-01", true)]
    [InlineData("2027-02-28", "1926-02-28", false)]
    [InlineData("2024-02-29", "1924-02-29", true)]
    [InlineData("2025-02-28", "1924-02-29", true)]
    [InlineData("2025-03-01", "1924-02-29", false)]
    public async Task ValidateAsync_CountsAgeToTheDay_WhenBirthOrPeildatumIsAroundALeapDay(string peildatum, string geboortedatum, bool accepted)
    {
        // A birthday on 29 February comes on 1 March in a year without one; ages 15 and 100 are the last allowed.
        var csv = TeacherFiles.Csv([TeacherFiles.Row(1, "geboortedatum=" + geboortedatum)]);
        var records = 0;

        var report = await TeacherFiles.Validator().ValidateAsync(
            new MemoryStream(TeacherFiles.Utf8(csv)),
            "leraren.csv",
            TeacherFiles.Board,
            DateOnly.ParseExact(peildatum, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            (_, _) =>
            {
                records++;
                return ValueTask.CompletedTask;
            },
            CancellationToken.None);

        Assert.Equal(accepted ? 1 : 0, records);
        Assert.Equal(accepted ? [] : [MeldingCodes.LeeftijdOnwaarschijnlijk], report.Meldingen.Select(m => m.Code));
    }

    [Fact]
    public async Task ValidateAsync_ReportsEveryErrorOfARow_AtMostOnePerField()
    {
        var csv = TeacherFiles.Csv([TeacherFiles.Row(1, "bsn=123456789", "geslacht=Q", "geboortedatum=morgen", "brinnummer=XX", "woonland=ZZ", "einddatum_benoeming=2000-01-01", "begindatum_benoeming=nooit")]);

        var outcome = await TeacherFiles.ValidateAsync(csv);

        Assert.Equal(
            [
                ("bsn", MeldingCodes.BsnOngeldig), ("geslacht", MeldingCodes.GeslachtOngeldig), ("geboortedatum", MeldingCodes.DatumOngeldig),
                ("woonland", MeldingCodes.WoonlandOngeldig), ("begindatum_benoeming", MeldingCodes.DatumOngeldig), ("brinnummer", MeldingCodes.BrinOngeldig),
            ],
            outcome.Report.Meldingen.Select(m => (m.Veld, m.Code)));
        Assert.All(outcome.Report.Meldingen, m => Assert.Equal(2, m.Regel));
        Assert.Empty(outcome.Records);
        Assert.Equal(TerugmeldingStatus.Afgewezen, outcome.Report.Status);
    }

    [Fact]
    public async Task ValidateAsync_ReportsVeldTeLangOnly_WhenFieldIsTooLongAndInvalid()
    {
        var outcome = await TeacherFiles.ValidateAsync(TeacherFiles.Csv([TeacherFiles.Row(1, "geslacht=" + new string('Q', 500))]));

        var melding = Assert.Single(outcome.Report.Meldingen);
        Assert.Equal((MeldingCodes.VeldTeLang, "geslacht"), (melding.Code, melding.Veld));
        Assert.Equal(new string('Q', 50) + "…", melding.Waarde);
    }

    [Fact]
    public async Task ValidateAsync_UsesConfiguredFieldLimit_WhenSet()
    {
        var outcome = await TeacherFiles.ValidateAsync(
            TeacherFiles.Csv([TeacherFiles.Row(1, "onderwijsterrein=abcdefghijklm"), TeacherFiles.Row(2, "onderwijsterrein=abcdefghijkl")]), o => o.MaxFieldLength = 12);

        Assert.Equal((MeldingCodes.VeldTeLang, 2), (outcome.Single(MeldingCodes.VeldTeLang).Code, outcome.Single(MeldingCodes.VeldTeLang).Regel));
        Assert.Single(outcome.Records);
    }

    [Fact]
    public async Task ValidateAsync_ReportsKolommenAantalOnly_WhenFieldCountDiffers()
    {
        var csv = TeacherFiles.ValidCsv(1)
            + "R2;10053;123456789;Q\r\n"
            + "R3;10053;" + TeacherFiles.Bsn(3) + ";V;1980-05-01;;;701;;2019-08-01;;12AB;;;2019-08-01;;extra\r\n";

        var outcome = await TeacherFiles.ValidateAsync(csv);

        Assert.Equal([(3, "R2"), (4, "R3")], outcome.Report.Meldingen.Select(m => (m.Regel!.Value, m.RegelId!)));
        Assert.All(outcome.Report.Meldingen, m => Assert.Equal((MeldingCodes.KolommenAantal, (string?)null, (string?)null), (m.Code, m.Veld, m.Waarde)));
        Assert.Contains("4 velden, de kopregel 16", outcome.Report.Meldingen[0].Tekst, StringComparison.Ordinal);
        Assert.Equal((3, 1, 2), (outcome.Report.AantalRegels, outcome.Report.AantalGoedgekeurd, outcome.Report.AantalAfgekeurd));
    }

    [Fact]
    public async Task ValidateAsync_MarksEveryLaterOccurrence_WhenRowIsDuplicated()
    {
        var csv = TeacherFiles.Csv(
        [
            TeacherFiles.Row(1, "regel_id=A", "geslacht=Q"),
            TeacherFiles.Row(2, "regel_id=B"),
            TeacherFiles.Row(1, "regel_id=C", "bsn=" + TeacherFiles.Bsn(1).TrimStart('0'), "brinnummer=12ab", "begindatum_benoeming=1-8-2019"),
            TeacherFiles.Row(1, "regel_id=D", "geslacht=M", "geboortedatum=1970-01-01"),
            TeacherFiles.Row(1, "regel_id=E", "benoemingsgrondslag=708", "onderwijsterrein=VO"),
            TeacherFiles.Row(1, "regel_id=F", "brinnummer=12AC"),
            TeacherFiles.Row(1, "regel_id=G", "begindatum_benoeming=2019-08-02"),
        ]);

        var outcome = await TeacherFiles.ValidateAsync(csv);

        var dubbel = outcome.Report.Meldingen.Where(m => m.Code == MeldingCodes.RegelDubbel).ToList();
        Assert.Equal(["C", "D"], dubbel.Select(m => m.RegelId));
        Assert.All(dubbel, m => Assert.Contains("regel 2", m.Tekst, StringComparison.Ordinal));
        Assert.Equal(["B", "E", "F", "G"], outcome.Records.Select(r => r.RowReference));
    }

    [Fact]
    public async Task ValidateAsync_DetectsDuplicate_WhenOnlyLeadingZeroOfBsnDiffers()
    {
        Assert.True(Core.Domain.Bsn.TryParse("12345672", out _));
        var csv = TeacherFiles.Csv([TeacherFiles.Row(1, "bsn=012345672"), TeacherFiles.Row(2, "bsn=12345672")]);

        var outcome = await TeacherFiles.ValidateAsync(csv);

        Assert.Equal((3, MeldingCodes.RegelDubbel), (outcome.Report.Meldingen.Single().Regel!.Value, outcome.Report.Meldingen.Single().Code));
    }

    [Fact]
    public async Task ValidateAsync_AcceptsOnlyConfiguredGrondslagen_WhenListIsConfigured()
    {
        var csv = TeacherFiles.Csv([TeacherFiles.Row(1, "benoemingsgrondslag=701"), TeacherFiles.Row(2, "benoemingsgrondslag=7XY"), TeacherFiles.Row(3, "benoemingsgrondslag=7xy")]);

        var outcome = await TeacherFiles.ValidateAsync(csv, o => o.Benoemingsgrondslagen = ["7XY", "708"]);

        var melding = outcome.Single(MeldingCodes.GrondslagOnbekend);
        Assert.Equal(2, melding.Regel);
        Assert.Contains("7XY, 708", melding.Tekst, StringComparison.Ordinal);
        Assert.Equal(["7XY", "7XY"], outcome.Records.Select(r => r.Fields["benoemingsgrondslag"]));
    }

    [Fact]
    public async Task ValidateAsync_RequiresAdresOnlyForKnownForeignCountry_WhenWoonlandIsSet()
    {
        var csv = TeacherFiles.Csv([TeacherFiles.Row(1, "woonland=NL"), TeacherFiles.Row(2, "woonland=QQ"), TeacherFiles.Row(3, "woonland=de")]);

        var outcome = await TeacherFiles.ValidateAsync(csv);

        Assert.Equal([(3, MeldingCodes.WoonlandOngeldig), (4, MeldingCodes.AdresBuitenlandVerplicht)], outcome.Report.Meldingen.Select(m => (m.Regel!.Value, m.Code)));
    }

    [Fact]
    public async Task ValidateAsync_RequiresOnderwijsterrein_WhenColumnIsMissingAndGrondslagIs708()
    {
        var csv = "bestuursnummer;bsn;geslacht;geboortedatum;benoemingsgrondslag;begindatum_benoeming;brinnummer;begindatum_dienstverband\n"
            + $"10053;{TeacherFiles.Bsn(1)};V;1980-01-01;708;2019-08-01;12AB;2019-08-01\n";

        var outcome = await TeacherFiles.ValidateAsync(csv);

        Assert.Equal((MeldingCodes.OnderwijsterreinVerplicht, "onderwijsterrein", (string?)null), (outcome.Report.Meldingen.Single().Code, outcome.Report.Meldingen.Single().Veld, outcome.Report.Meldingen.Single().RegelId));
    }
}
