namespace LerarenFunctions.Core.Deliveries;

/// <summary>Where a batch stands.</summary>
public enum BatchState
{
    /// <summary>Waiting for (another) attempt.</summary>
    Open,

    /// <summary>The register answered for every record.</summary>
    Completed,

    /// <summary>Given up after its last attempt or a permanent refusal; waits for an operator's replay.</summary>
    DeadLettered,
}
