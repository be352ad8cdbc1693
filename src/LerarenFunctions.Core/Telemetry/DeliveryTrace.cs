using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace LerarenFunctions.Core.Telemetry;

/// <summary>
/// One trace per delivery. Its trace id is derived from the delivery id, so every run that works on a delivery —
/// the blob trigger and its retries, each batch on the queue, the periodic check, a replay weeks later, the e-mail —
/// adds its spans to the same trace, and an operator who has only the id finds the whole story. Within that trace a
/// queue message carries the <c>traceparent</c> of the span that queued it, so a batch's span hangs below the intake
/// that queued it. The run's own trace (a Functions invocation, an HTTP request) is kept as a link.
/// </summary>
public static class DeliveryTrace
{
    /// <summary>The trace id of <paramref name="deliveryId"/>'s trace: the first 16 bytes of a SHA-256 of the id.</summary>
    public static ActivityTraceId TraceIdOf(string deliveryId)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes("lerarenfunctions/aanlevering/" + deliveryId), hash);
        return ActivityTraceId.CreateFromBytes(hash[..16]);
    }

    /// <summary>The board of a delivery id: ids start with the bestuursnummer (<c>10053-3f2a…</c>).</summary>
    public static string BestuursnummerOf(string deliveryId)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        var dash = deliveryId.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 ? deliveryId[..dash] : string.Empty;
    }

    /// <summary>
    /// Starts a span about <paramref name="deliveryId"/> in its trace: below <paramref name="traceParent"/> when a
    /// message brought one, below the current span when that is in the delivery's trace already, else at the top of
    /// it. Null when nobody listens.
    /// </summary>
    public static Activity? Start(string name, string deliveryId, string? traceParent = null, ActivityKind kind = ActivityKind.Internal)
    {
        if (!LerarenTelemetry.Source.HasListeners())
        {
            // Nothing is traced (a tool, a test of Core alone): no span, and nothing to compute for one.
            return null;
        }

        var current = Activity.Current;
        var traceId = TraceIdOf(deliveryId);
        ActivityContext parent;
        if (traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var carried))
        {
            parent = carried;
        }
        else if (current is not null && current.TraceId == traceId)
        {
            parent = current.Context;
        }
        else
        {
            // No span of this trace to hang below: a root of the delivery's trace (a parent without a span id).
            parent = new ActivityContext(traceId, default, ActivityTraceFlags.Recorded, isRemote: true);
        }

        ActivityLink[]? links = current is not null && current.TraceId != parent.TraceId ? [new ActivityLink(current.Context)] : null;
        var tags = new ActivityTagsCollection
        {
            [LerarenTelemetry.DeliveryIdTag] = deliveryId,
            [LerarenTelemetry.BestuursnummerTag] = BestuursnummerOf(deliveryId),
        };
        return LerarenTelemetry.Source.StartActivity(name, kind, parent, tags, links);
    }

    /// <summary>The W3C <c>traceparent</c> of the current span, for a message or row that continues this trace; null without one.</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>
    /// The <c>traceparent</c> of the current span when it is in <paramref name="deliveryId"/>'s trace; null otherwise
    /// (nobody listens, or the current span is another run's), so a message never carries a stranger's trace.
    /// </summary>
    public static string? TraceParentFor(string deliveryId) =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current && current.TraceId == TraceIdOf(deliveryId) ? current.Id : null;

    /// <summary>Marks <paramref name="activity"/> failed with the exception's type; never its message.</summary>
    public static void Fail(this Activity? activity, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        activity?.SetStatus(ActivityStatusCode.Error);
        activity?.SetTag(LerarenTelemetry.ErrorTypeTag, exception.GetType().Name);
    }
}
