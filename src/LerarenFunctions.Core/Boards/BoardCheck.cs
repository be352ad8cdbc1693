using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Core.Boards;

/// <summary>
/// Looks a delivery's board up in the registry: a delivery for an unknown board or one that is <c>opgeheven</c> is
/// still validated (the register decides), and its terugmelding says so first, as a warning the board can act on.
/// One read per delivery.
/// </summary>
public sealed class BoardCheck(IBoardStore boards)
{
    public async Task<Terugmelding> AnnotateAsync(Terugmelding report, Bestuursnummer bestuursnummer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var board = await boards.GetAsync(bestuursnummer, cancellationToken);
        var melding = board is null
            ? IntakeMeldingen.BestuurOnbekend(bestuursnummer)
            : board.Value.Status == BoardStatus.Opgeheven ? IntakeMeldingen.BestuurOpgeheven(bestuursnummer) : null;
        return melding is null ? report : report with { Meldingen = [melding, .. report.Meldingen] };
    }
}
