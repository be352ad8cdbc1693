using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Tests.Domain;

/// <summary>E-mail addresses: the practical rules, and the normal form (local part as given, domain in lower case).</summary>
public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("info@example.nl", "info@example.nl")]
    [InlineData("  Bestuur@Voorbeeld.EXAMPLE\t", "Bestuur@voorbeeld.example")]
    [InlineData("j.de.vries+leraren@sub.voorbeeld.example", "j.de.vries+leraren@sub.voorbeeld.example")]
    [InlineData("o'neill_x-1@example.nl", "o'neill_x-1@example.nl")]
    [InlineData("a@b-c.d1.example", "a@b-c.d1.example")]
    public void TryParse_NormalisesDomainToLowerCase_WhenValid(string text, string expected)
    {
        Assert.True(EmailAddress.TryParse(text, out var email));
        Assert.Equal(expected, email.Value);
        Assert.Equal(expected, email.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("info.example.nl")]
    [InlineData("@example.nl")]
    [InlineData("info@")]
    [InlineData("info@@example.nl")]
    [InlineData("info@example.nl;bestuur@example.nl")]
    [InlineData("info@localhost")]
    [InlineData("info@example..nl")]
    [InlineData("info@.example.nl")]
    [InlineData("info@example.nl.")]
    [InlineData("info@-example.nl")]
    [InlineData("info@example-.nl")]
    [InlineData("info@exa_mple.nl")]
    [InlineData("in fo@example.nl")]
    [InlineData("info@exam ple.nl")]
    [InlineData("info\n@example.nl")]
    [InlineData("info\u0001@example.nl")]
    [InlineData("Jan <jan@example.nl>")]
    [InlineData("\"jan\"@example.nl")]
    [InlineData(".info@example.nl")]
    [InlineData("info.@example.nl")]
    [InlineData("in..fo@example.nl")]
    [InlineData("zoë@example.nl")]
    [InlineData("info@école.example")]
    public void TryParse_Fails_WhenNotAPracticalAddress(string? text)
    {
        Assert.False(EmailAddress.TryParse(text, out var email));
        Assert.Equal(default, email);
    }

    [Fact]
    public void TryParse_EnforcesLengthLimits_WhenPartsAreLong()
    {
        var local64 = new string('a', 64);
        var label63 = new string('b', 63);

        Assert.True(EmailAddress.TryParse($"{local64}@example.nl", out _));
        Assert.False(EmailAddress.TryParse($"{local64}a@example.nl", out _));
        Assert.True(EmailAddress.TryParse($"info@{label63}.nl", out _));
        Assert.False(EmailAddress.TryParse($"info@{label63}b.nl", out _));

        // 254 characters in all is the limit, whatever the parts.
        var domain = $"{label63}.{label63}.{label63}.{new string('c', 254 - 5 - (3 * 64) - 3)}.nl";
        Assert.Equal(254, $"info@{domain}".Length);
        Assert.True(EmailAddress.TryParse($"info@{domain}", out _));
        Assert.False(EmailAddress.TryParse($"infox@{domain}", out _));
    }

    [Fact]
    public void Equality_IgnoresDomainCase_WhenParsed()
    {
        Assert.True(EmailAddress.TryParse("info@EXAMPLE.nl", out var upper));
        Assert.True(EmailAddress.TryParse("info@example.NL", out var lower));
        Assert.True(EmailAddress.TryParse("INFO@example.nl", out var otherLocal));

        Assert.Equal(upper, lower);
        Assert.NotEqual(upper, otherLocal);
    }
}
