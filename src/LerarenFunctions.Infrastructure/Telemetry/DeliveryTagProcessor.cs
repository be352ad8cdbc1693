using System.Diagnostics;
using LerarenFunctions.Core.Telemetry;
using OpenTelemetry;

namespace LerarenFunctions.Infrastructure.Telemetry;

/// <summary>
/// Gives a span that instrumentation starts inside one of ours (the register call of a batch) the delivery id and
/// bestuursnummer of its parent, so every span of a delivery's trace can be found by them.
/// </summary>
internal sealed class DeliveryTagProcessor : BaseProcessor<Activity>
{
    public override void OnStart(Activity data)
    {
        if (data.Source.Name == LerarenTelemetry.SourceName || data.Parent is not { } parent)
        {
            return;
        }

        foreach (var tag in (string[])[LerarenTelemetry.DeliveryIdTag, LerarenTelemetry.BestuursnummerTag])
        {
            if (data.GetTagItem(tag) is null && parent.GetTagItem(tag) is { } value)
            {
                data.SetTag(tag, value);
            }
        }
    }
}
