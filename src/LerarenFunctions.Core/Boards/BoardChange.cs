using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Boards;

/// <summary>
/// One entry of a board's history: what changed, when, by whom (the caller as far as known: the operator key, a CLI
/// user, an import). Written with the change itself, so there is no change without its entry.
/// </summary>
/// <param name="Bestuursnummer">The board.</param>
/// <param name="At">When.</param>
/// <param name="Door">Who: the caller as far as known.</param>
/// <param name="Onderdeel">What changed: <c>bestuur</c> (import), <c>contactpersoon</c>, <c>plaatsvervanger</c>, <c>instellingen</c>.</param>
/// <param name="Oud">How it was, one line; null when it was not there.</param>
/// <param name="Nieuw">How it is, one line; null when it was removed.</param>
public sealed record BoardChange(Bestuursnummer Bestuursnummer, DateTimeOffset At, string Door, string Onderdeel, string? Oud, string? Nieuw)
{
    public const string Bestuur = "bestuur";
    public const string Contactpersoon = "contactpersoon";
    public const string Plaatsvervanger = "plaatsvervanger";
}
