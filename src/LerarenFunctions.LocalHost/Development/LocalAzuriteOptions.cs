namespace LerarenFunctions.LocalHost.Development;

/// <summary>Whether the LocalHost starts Azurite itself when nothing listens on its ports.</summary>
public sealed class LocalAzuriteOptions
{
    public const string SectionName = "LocalAzurite";

    /// <summary>Start Azurite (from the repository's node_modules) when the storage setting points at it and it is not running.</summary>
    public bool Start { get; set; }

    /// <summary>Where Azurite keeps its data, relative to the repository root.</summary>
    public string Location { get; set; } = ".azurite";
}
