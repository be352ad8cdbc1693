using LerarenFunctions.Core.Domain;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Unit;

public class DomainTests
{
    [Theory]
    [InlineData("111222333")]
    [InlineData("123456782")]
    [InlineData(" 123456782 ")]
    public void BsnTryParse_Succeeds_WhenElevenTestPasses(string text)
    {
        Assert.True(Bsn.TryParse(text, out var bsn));
        Assert.Equal(text.Trim(), bsn.Value);
    }

    [Fact]
    public void BsnTryParse_PadsLeadingZero_WhenEightDigits()
    {
        // 012345672: 0*9+1*8+2*7+3*6+4*5+5*4+6*3+7*2 = 112, 112 - 2 = 110, divisible by 11.
        Assert.True(Bsn.TryParse("12345672", out var bsn));
        Assert.Equal("012345672", bsn.Value);
    }

    [Fact]
    public void BsnMasked_ShowsLastThreeDigitsOnly_WhenNumberHasLeadingZero()
    {
        Assert.True(Bsn.TryParse("12345672", out var bsn));
        Span<char> digits = stackalloc char[12];

        Assert.Equal("******672", bsn.Masked);
        Assert.Equal("******672", bsn.ToString());
        Assert.True(bsn.TryFormat(digits, out var written));
        Assert.Equal("012345672", digits[..written].ToString());
        Assert.False(bsn.TryFormat(digits[..8], out _));
        Assert.True(Bsn.TryParse("012345672", out var same));
        Assert.Equal(bsn, same);
    }

    [Theory]
    [InlineData("123456789")]
    [InlineData("000000000")]
    [InlineData("12345678")]
    [InlineData("1234567890")]
    [InlineData("12345678a")]
    [InlineData("")]
    [InlineData(null)]
    public void BsnTryParse_Fails_WhenNotAValidBsn(string? text)
    {
        Assert.False(Bsn.TryParse(text, out _));
    }

    [Fact]
    public void BsnTryParse_Fails_ForOnderwijsnummer()
    {
        // 1*9 + 1*7 + 1*2 = 18; 18 - 2 = 16, and 16 mod 11 = 5: an onderwijsnummer, never a BSN.
        Assert.False(Bsn.TryParse("101000012", out _));
    }

    [Fact]
    public void BsnToString_ShowsOnlyLastThreeDigits_Always()
    {
        Assert.True(Bsn.TryParse("123456782", out var bsn));
        Assert.Equal("******782", bsn.ToString());
        Assert.Equal("******782", $"{bsn}");
        Assert.Equal("******xyz", Bsn.Mask("abcxyz"));
    }

    [Fact]
    public void SyntheticBsns_AllPassTheElevenTest()
    {
        Assert.All(SyntheticData.Bsns().Take(1000), b => Assert.True(Bsn.TryParse(b, out _)));
    }

    [Theory]
    [InlineData("12ab", "12AB")]
    [InlineData("07NU", "07NU")]
    public void BrinTryParse_NormalisesToUpperCase_WhenValid(string text, string expected)
    {
        Assert.True(Brin.TryParse(text, out var brin));
        Assert.Equal(expected, brin.Value);
    }

    [Theory]
    [InlineData("1AB2")]
    [InlineData("12ABC")]
    [InlineData("AB12")]
    [InlineData("")]
    public void BrinTryParse_Fails_WhenNotTwoDigitsTwoLetters(string text)
    {
        Assert.False(Brin.TryParse(text, out _));
    }

    [Theory]
    [InlineData("10053", true)]
    [InlineData("00001", true)]
    [InlineData("1005", false)]
    [InlineData("100534", false)]
    [InlineData("1005a", false)]
    public void BestuursnummerTryParse_RequiresFiveDigits(string text, bool valid)
    {
        Assert.Equal(valid, Bestuursnummer.TryParse(text, out _));
    }
}
