using LerarenFunctions.Infrastructure.Register;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Infrastructure.Health;

public static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// The checks of <c>GET /api/health</c>: storage (its failure makes the app unhealthy: nothing works without it),
    /// and the register, the queues and the dead letters, whose trouble makes it degraded — it still works, and the
    /// queues ride out a register outage. Each has a timeout; a timeout counts as its failure.
    /// </summary>
    public static IServiceCollection AddLerarenFunctionsHealth(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StorageHealthCheck>();
        services.AddSingleton<RegisterHealthCheck>();
        services.AddSingleton<QueueHealthCheck>();
        services.AddSingleton<DeadLetterHealthCheck>();
        services.AddHttpClient(RegisterHealthCheck.ClientName, (provider, http) =>
        {
            var url = provider.GetRequiredService<IOptions<RegisterOptions>>().Value.BaseUrl;
            http.BaseAddress = url is not null && !url.AbsolutePath.EndsWith('/') ? new Uri(url + "/") : url;
            http.Timeout = RegisterHealthCheck.Timeout;
        });
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>(StorageHealthCheck.Name, timeout: StorageHealthCheck.Timeout)
            .AddCheck<RegisterHealthCheck>(RegisterHealthCheck.Name, HealthStatus.Degraded, timeout: RegisterHealthCheck.Timeout)
            .AddCheck<QueueHealthCheck>(QueueHealthCheck.Name, HealthStatus.Degraded, timeout: QueueHealthCheck.Timeout)
            .AddCheck<DeadLetterHealthCheck>(DeadLetterHealthCheck.Name, HealthStatus.Degraded, timeout: DeadLetterHealthCheck.Timeout);
        return services;
    }
}
