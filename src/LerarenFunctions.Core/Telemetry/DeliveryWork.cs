using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Core.Telemetry;

/// <summary>
/// A span and a log scope about one delivery, opened and closed together: <c>using var work = DeliveryWork.Start(...)</c>
/// at the top of a use case's work on a delivery.
/// </summary>
public readonly struct DeliveryWork : IDisposable
{
    private readonly IDisposable? _scope;

    private DeliveryWork(Activity? activity, IDisposable? scope)
    {
        Activity = activity;
        _scope = scope;
    }

    /// <summary>The span; null when nobody listens.</summary>
    public Activity? Activity { get; }

    /// <summary>Starts span <paramref name="name"/> in the delivery's trace (see <see cref="DeliveryTrace.Start"/>) and its log scope.</summary>
    public static DeliveryWork Start(ILogger logger, string name, string deliveryId, string? traceParent = null, ActivityKind kind = ActivityKind.Internal)
    {
        // The span first, so the scope's log lines carry its trace and span ids.
        var activity = DeliveryTrace.Start(name, deliveryId, traceParent, kind);
        return new DeliveryWork(activity, DeliveryScope.Begin(logger, deliveryId));
    }

    /// <summary>A span that is not about a delivery (an e-mail to a contact person), without a log scope.</summary>
    public static DeliveryWork Wrap(Activity? activity) => new(activity, scope: null);

    /// <summary>Marks the span failed with the exception's type (never its message).</summary>
    public void Fail(Exception exception) => Activity.Fail(exception);

    public void Dispose()
    {
        _scope?.Dispose();
        Activity?.Dispose();
    }
}
