using System.Globalization;

namespace LerarenFunctions.Core.Boards;

/// <summary>What an operator sets for a board beyond DUO's data.</summary>
/// <remarks>
/// <para><c>DeadlineOverride</c>: Its own delivery deadline; null: its sectors' (settings).</para>
/// <para><c>StatuutDatum</c>: When the professioneel statuut reached its state (for <c>vastgesteld</c>: adopted on).</para>
/// </remarks>
public sealed record BoardSettings(DateOnly? DeadlineOverride, bool Koploper, StatuutState Statuut, DateOnly? StatuutDatum)
{
    /// <summary>One line for the history.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"deadline: {(DeadlineOverride is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "die van de sector")}; koploper: {(Koploper ? "ja" : "nee")}; statuut: {Statuut.ToContract()}{(StatuutDatum is { } s ? " op " + s.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "")}");
}

/// <summary>
/// A change of a board's settings as a caller gave it: each part left null stays as it is.
/// <paramref name="ClearDeadline"/> removes its own deadline (its sectors' applies again).
/// </summary>
public sealed record BoardSettingsInput(DateOnly? Deadline = null, bool ClearDeadline = false, bool? Koploper = null, StatuutState? Statuut = null, DateOnly? StatuutDatum = null)
{
    /// <summary>The settings after this change; or what is wrong with it, in Dutch.</summary>
    public (BoardSettings? Settings, string? Error) ApplyTo(BoardSettings current)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (Deadline is not null && ClearDeadline)
        {
            return (null, "Geef een eigen deadline of haal die weg, niet allebei.");
        }

        var statuut = Statuut ?? current.Statuut;
        var statuutDatum = StatuutDatum ?? (Statuut is null || Statuut == current.Statuut ? current.StatuutDatum : null);
        if (statuut == StatuutState.Vastgesteld && statuutDatum is null)
        {
            return (null, "Een vastgesteld professioneel statuut vraagt de datum van vaststelling.");
        }

        return (new BoardSettings(ClearDeadline ? null : Deadline ?? current.DeadlineOverride, Koploper ?? current.Koploper, statuut, statuutDatum), null);
    }
}
