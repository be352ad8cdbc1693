using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Tests.Domain;

/// <summary>Telephone numbers: the notations accepted, and the one normal form they all become.</summary>
public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("0701234567", "0701234567")]
    [InlineData(" 070-1234567 ", "0701234567")]
    [InlineData("070 123 45 67", "0701234567")]
    [InlineData("(070) 123.45.67", "0701234567")]
    [InlineData("06-12345678", "0612345678")]
    [InlineData("+31701234567", "0701234567")]
    [InlineData("+31 70 123 4567", "0701234567")]
    [InlineData("+31 (0)70 123 4567", "0701234567")]
    [InlineData("0031 70 1234567", "0701234567")]
    [InlineData("0031 (0)6 12345678", "0612345678")]
    public void TryParse_NormalisesToZeroAndNineDigits_WhenDutch(string text, string expected)
    {
        Assert.True(PhoneNumber.TryParse(text, out var phone));
        Assert.Equal(expected, phone.Value);
        Assert.Equal(expected, phone.ToString());
    }

    [Theory]
    [InlineData("+32 2 123 45 67", "+3221234567")]
    [InlineData("0032 2 123 45 67", "+3221234567")]
    [InlineData("+49 (30) 1234-5678", "+493012345678")]
    [InlineData("+1 555 0100 123", "+15550100123")]
    [InlineData("+12345678", "+12345678")]
    [InlineData("+123456789012345", "+123456789012345")]
    public void TryParse_KeepsCountryCode_WhenInternational(string text, string expected)
    {
        Assert.True(PhoneNumber.TryParse(text, out var phone));
        Assert.Equal(expected, phone.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("-- ()")]
    [InlineData("+")]
    [InlineData("onbekend")]
    [InlineData("070-123456a")]
    [InlineData("0800-BELLEN")]
    [InlineData("070/1234567")]
    [InlineData("070-1234567 of 070-7654321")]
    [InlineData("070123456")]
    [InlineData("07012345678")]
    [InlineData("701234567")]
    [InlineData("+3170123456")]
    [InlineData("+317012345678")]
    [InlineData("+31 (0)70 123 456")]
    [InlineData("+1234567")]
    [InlineData("+1234567890123456")]
    [InlineData("+0701234567")]
    [InlineData("++31701234567")]
    [InlineData("070+1234567")]
    [InlineData("0000701234567")]
    [InlineData("0800-1234567")]
    public void TryParse_Fails_WhenNotATelephoneNumber(string? text)
    {
        Assert.False(PhoneNumber.TryParse(text, out var phone));
        Assert.Equal(default, phone);
    }

    [Fact]
    public void Equality_HoldsAcrossNotations_WhenSameNumber()
    {
        Assert.True(PhoneNumber.TryParse("070-123 45 67", out var local));
        Assert.True(PhoneNumber.TryParse("+31 (0)70 1234567", out var international));

        Assert.Equal(local, international);
    }
}
