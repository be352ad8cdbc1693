using System.Diagnostics;

namespace LerarenFunctions.Core.Telemetry;

/// <summary>
/// The names under which LerarenFunctions traces and measures, in one place: the hosts subscribe to
/// <see cref="SourceName"/> (spans and metrics), and operators query the tags. No tag, scope value or metric dimension
/// ever holds a BSN or any other value of a teacher's row: only ids, board numbers, counts and fixed words.
/// </summary>
public static class LerarenTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> and of the meter.</summary>
    public const string SourceName = "LerarenFunctions";

    /// <summary>The delivery a span or log line is about (<c>aanleveringId</c>).</summary>
    public const string DeliveryIdTag = "lerarenfunctions.aanlevering_id";

    /// <summary>The board a span or log line is about.</summary>
    public const string BestuursnummerTag = "lerarenfunctions.bestuursnummer";

    /// <summary>The batch number of a <c>ForwardBatch</c> or dead-letter span.</summary>
    public const string BatchTag = "lerarenfunctions.batch";

    /// <summary>The outbox id of a <c>SendEmail</c> span (board, kind and moment; no address).</summary>
    public const string EmailIdTag = "lerarenfunctions.email_id";

    /// <summary>The exception type of a span that failed: the type only, since a message may quote what it was about.</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>Every span of LerarenFunctions' own use cases.</summary>
    public static readonly ActivitySource Source = new(SourceName);
}
