using System.ComponentModel.DataAnnotations;

namespace LerarenFunctions.Infrastructure.Health;

/// <summary>
/// When <c>GET /api/health</c> calls the app <c>verminderd</c> (degraded: it works, but something needs a look):
/// more messages waiting than these, or dead letters waiting for an operator. Degraded still answers 200, so a
/// platform probe keeps the instance in service; only storage that does not answer makes it <c>ongezond</c> (503).
/// </summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>Claim checks waiting on <c>doorsturen</c> (100 rows each): 50,000 is some five million rows behind.</summary>
    [Range(0, 100_000_000)]
    public int MaxForwardingMessages { get; set; } = 50_000;

    /// <summary>E-mails waiting on <c>email</c>.</summary>
    [Range(0, 100_000_000)]
    public int MaxEmailMessages { get; set; } = 1_000;

    /// <summary>Messages on a poison queue (our own code failed on them five times); the forwarding's is emptied by <c>DeadLetterBatch</c>.</summary>
    [Range(0, 100_000_000)]
    public int MaxPoisonMessages { get; set; } = 10;

    /// <summary>Dead letters that can still be replayed; each waits for an operator, so by default any is too many.</summary>
    [Range(0, 100_000_000)]
    public int MaxDeadLetters { get; set; }
}
