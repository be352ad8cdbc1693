using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Core.Boards;

/// <summary>
/// Looks a delivery's board up in the registry: a delivery for an unknown board or one that is <c>opgeheven</c> is
/// still validated (the register decides), and its terugmelding says so first, as a warning the board can act on.
/// A read per board and minute (<see cref="BoardLookup"/>).
/// </summary>
public sealed class BoardCheck(BoardLookup boards)
{
    public async Task<Terugmelding> AnnotateAsync(Terugmelding report, Bestuursnummer bestuursnummer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var board = await boards.GetAsync(bestuursnummer, cancellationToken);
        var melding = board is null
            ? IntakeMeldingen.BestuurOnbekend(bestuursnummer)
            : board.Status == BoardStatus.Opgeheven ? IntakeMeldingen.BestuurOpgeheven(bestuursnummer) : null;
        return melding is null ? report : report with { Meldingen = [melding, .. report.Meldingen] };
    }
}
