namespace LerarenFunctions.RegisterSimulator;

/// <summary>How the simulated register behaves.</summary>
public sealed class RegisterSimulatorOptions
{
    public const string SectionName = "RegisterSimulator";

    /// <summary>BSNs the simulated BRP does not know: records with them are answered <c>afgewezen</c>, <c>BSN_ONBEKEND_IN_BRP</c>.</summary>
    public IList<string> UnknownBsns { get; } = [];
}
