using OpenTelemetry.Trace;

namespace LerarenFunctions.LocalHost.Hosting;

/// <summary>
/// What the LocalHost adds to the shared telemetry (<c>AddLerarenFunctions</c>): a span per HTTP request, as the
/// Functions host records one per invocation in Azure. Not for the embedded register simulator (it is not this app)
/// nor the Development upload routes, whose paths hold file names.
/// </summary>
public static class LocalHostTelemetry
{
    public static WebApplicationBuilder AddLocalHostTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddAspNetCoreInstrumentation(http =>
            http.Filter = context => !context.Request.Path.StartsWithSegments("/register", StringComparison.OrdinalIgnoreCase)
                && !context.Request.Path.StartsWithSegments("/dev", StringComparison.OrdinalIgnoreCase)));
        return builder;
    }
}
