using System.Collections;
using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Core.Telemetry;

/// <summary>
/// The log scope of work on one delivery: every log line inside it carries the delivery id and the bestuursnummer as
/// structured values (under the same names as the span tags), so logs and traces are searched alike.
/// </summary>
public sealed class DeliveryScope : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _values;

    private DeliveryScope(string deliveryId, string bestuursnummer)
    {
        _values =
        [
            new(LerarenTelemetry.DeliveryIdTag, deliveryId),
            new(LerarenTelemetry.BestuursnummerTag, bestuursnummer),
        ];
    }

    public int Count => _values.Length;

    public KeyValuePair<string, object?> this[int index] => _values[index];

    /// <summary>Opens the scope on <paramref name="logger"/> for <paramref name="deliveryId"/>.</summary>
    public static IDisposable? Begin(ILogger logger, string deliveryId)
    {
        ArgumentNullException.ThrowIfNull(logger);
        return logger.BeginScope(new DeliveryScope(deliveryId, DeliveryTrace.BestuursnummerOf(deliveryId)));
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"aanlevering {_values[0].Value} (bestuur {_values[1].Value})";
}
