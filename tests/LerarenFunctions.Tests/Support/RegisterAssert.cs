using LerarenFunctions.RegisterSimulator;

namespace LerarenFunctions.Tests.Support;

public static class RegisterAssert
{
    /// <summary>The register holds a registration for every one of <paramref name="bsns"/>, each applied exactly once.</summary>
    public static void AppliedOnce(RegisterState register, IEnumerable<string> bsns)
    {
        var expected = bsns.ToHashSet();
        var registered = register.List().Where(r => expected.Contains(r.Bsn)).ToList();
        Assert.Equal(expected.Count, registered.Count);
        Assert.All(registered, r => Assert.Equal(1, r.Toegepast));
    }
}
