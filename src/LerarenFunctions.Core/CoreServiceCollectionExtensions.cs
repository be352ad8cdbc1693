using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Files;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LerarenFunctions.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers the use cases. Their ports are registered by the infrastructure.</summary>
    public static IServiceCollection AddLerarenFunctionsCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TeacherFileValidator>();
        services.AddSingleton<ReceiveDelivery>();
        services.AddSingleton<ForwardBatch>();
        services.AddSingleton<GetDeliveryStatus>();
        services.AddSingleton<DeadLetters>();
        services.AddSingleton<ResumeStalledForwarding>();
        // A singleton: it remembers per process which uploads are settled.
        services.AddSingleton<PickUpMissedUploads>();
        services.AddSingleton<FinishForwarding>();
        return services;
    }
}
