using LerarenFunctions.Core.Deliveries;

namespace LerarenFunctions.Tests.Unit;

/// <summary>
/// Which paths below the uploads container are deliveries: a board's folder of exactly five digits, and a trial folder
/// of exactly <c>proef</c>. A folder that only looks like either is no delivery, and so is never forwarded.
/// </summary>
public class DeliveryPathTests
{
    [Theory]
    [InlineData("10053/leraren.csv", false)]
    [InlineData("10053/proef/leraren.csv", true)]
    [InlineData("10053/proef/2026/leraren.csv", true)]
    [InlineData("10053/proef/Proef/leraren.csv", true)]
    [InlineData("10053/proef.csv", false)]
    [InlineData("10053/proefbestand/leraren.csv", false)]
    [InlineData("10053/archief/leraren.csv", false)]
    [InlineData("10053/2026/maart/leraren.csv", false)]
    public void Parse_IsADelivery_WhenTheFolderIsExactAndNoFolderOnlyLooksLikeTheTrialFolder(string path, bool trial)
    {
        var parsed = DeliveryPath.Parse(path);

        Assert.Equal(PathProblem.None, parsed.Problem);
        Assert.Equal("10053", parsed.Bestuursnummer?.Value);
        Assert.Equal(path["10053/".Length..], parsed.FileName);
        Assert.Equal(trial, parsed.IsTrial);
    }

    [Theory]
    [InlineData("10053/proef /leraren.csv")]
    [InlineData("10053/ proef/leraren.csv")]
    [InlineData("10053/Proef/leraren.csv")]
    [InlineData("10053/PROEF/leraren.csv")]
    [InlineData("10053/proef\t/leraren.csv")]
    [InlineData("10053/proef\u00a0/leraren.csv")]
    [InlineData("10053/archief/proef/leraren.csv")]
    [InlineData("10053/archief/Proef /leraren.csv")]
    public void Parse_RejectsTheName_WhenAFolderOnlyLooksLikeTheTrialFolder(string path)
    {
        var parsed = DeliveryPath.Parse(path);

        Assert.Equal(PathProblem.InvalidName, parsed.Problem);
        Assert.Null(parsed.Bestuursnummer);
        Assert.False(parsed.IsTrial);
        Assert.StartsWith("10053/ongeldige-bestandsnaam/", parsed.TerugmeldingPath, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => parsed.DeliveryId("\"0x8DD0\""));
    }

    [Theory]
    [InlineData("10053 /leraren.csv", PathProblem.NotABoardFolder)]
    [InlineData("10053 /proef/leraren.csv", PathProblem.NotABoardFolder)]
    [InlineData("10053 /proef /leraren.csv", PathProblem.NotABoardFolder)]
    [InlineData(" 10053/leraren.csv", PathProblem.NotABoardFolder)]
    [InlineData("leraren.csv", PathProblem.NotABoardFolder)]
    [InlineData("10053//leraren.csv", PathProblem.InvalidName)]
    [InlineData("10053/../leraren.csv", PathProblem.InvalidName)]
    [InlineData("10053/./proef/leraren.csv", PathProblem.InvalidName)]
    public void Parse_NamesTheProblem_WhenTheFolderOrTheNameIsNoDelivery(string path, PathProblem problem)
    {
        var parsed = DeliveryPath.Parse(path);

        Assert.Equal(problem, parsed.Problem);
        Assert.Null(parsed.Bestuursnummer);
    }

    [Fact]
    public void DeliveryId_DiffersPerVersion_WhenThePathIsTheSame()
    {
        var path = DeliveryPath.Parse("10053/proef/leraren.csv");

        Assert.NotEqual(path.DeliveryId("\"v1\""), path.DeliveryId("\"v2\""));
        Assert.Equal(path.DeliveryId("\"v1\""), DeliveryPath.Parse("10053/proef/leraren.csv").DeliveryId("\"v1\""));
        Assert.StartsWith("10053-", path.DeliveryId("\"v1\""), StringComparison.Ordinal);
    }
}
