namespace LerarenFunctions.Core.Boards;

/// <summary>Whether a board still exists: a board that merged or stopped is <c>opgeheven</c>, and is never deleted.</summary>
public enum BoardStatus
{
    Actief,
    Opgeheven,
}

/// <summary>
/// The state of the board's <i>professioneel statuut</i> (the teachers' say over their work, required by the same law):
/// <c>niet gestart</c>, <c>in voorbereiding</c>, <c>vastgesteld</c>.
/// </summary>
public enum StatuutState
{
    NietGestart,
    InVoorbereiding,
    Vastgesteld,
}

public static class BoardContract
{
    public static string ToContract(this BoardStatus status) => status == BoardStatus.Opgeheven ? "opgeheven" : "actief";

    public static string ToContract(this StatuutState state) => state switch
    {
        StatuutState.InVoorbereiding => "in voorbereiding",
        StatuutState.Vastgesteld => "vastgesteld",
        _ => "niet gestart",
    };

    public static BoardStatus ParseStatus(string? text) => text == "opgeheven" ? BoardStatus.Opgeheven : BoardStatus.Actief;

    public static StatuutState ParseStatuut(string? text) => text switch
    {
        "in voorbereiding" => StatuutState.InVoorbereiding,
        "vastgesteld" => StatuutState.Vastgesteld,
        _ => StatuutState.NietGestart,
    };
}
