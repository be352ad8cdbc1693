namespace LerarenFunctions.Tests.Support;

/// <summary>Keys of the tests' hosts: made up here, never a key of any environment.</summary>
public static class TestKeys
{
    /// <summary>The setting of the operator key.</summary>
    public const string OperatorSetting = "Beheer:Sleutel";

    /// <summary>An operator key for hosts that do not run as Development (which have a default of their own).</summary>
    public const string Operator = "test-beheersleutel-0123456789abcdef0123456789";
}
