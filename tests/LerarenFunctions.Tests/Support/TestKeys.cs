namespace LerarenFunctions.Tests.Support;

/// <summary>Keys of the tests' hosts: made up here, never a key of any environment.</summary>
public static class TestKeys
{
    /// <summary>The setting of the operator key.</summary>
    public const string OperatorSetting = "Beheer:Sleutel";

    /// <summary>An operator key for hosts that do not run as Development (which have a default of their own).</summary>
    public const string Operator = "test-beheersleutel-0123456789abcdef0123456789";

    /// <summary>
    /// What every host outside Development needs besides storage and the register: the operator key, a mail server
    /// on a loopback port where nothing listens (sends fail and wait in the outbox), unless a test names its own, and
    /// the reminder timer's schedule, which its trigger reads from the settings (a host has no default for it).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> HostDefaults { get; } = new Dictionary<string, string?>
    {
        [OperatorSetting] = Operator,
        ["Email:Host"] = "127.0.0.1",
        ["Email:Port"] = "9",
        ["Email:Security"] = "None",
        ["Email:FromAddress"] = "lerarenregister@voorbeeld.example",
        ["Herinneringen:Schema"] = "0 0 7 * * *",
    };
}
