using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Email;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Core.Reminders;
using LerarenFunctions.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LerarenFunctions.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers the use cases. Their ports are registered by the infrastructure.</summary>
    public static IServiceCollection AddLerarenFunctionsCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        // The counters of the use cases; on the host's meter factory when it has one (AddMetrics).
        services.TryAddSingleton<LerarenMetrics>();
        services.AddSingleton<TeacherFileValidator>();

        // The use cases; each is the one name of its function (and of its schedule).
        services.AddSingleton<ReceiveDelivery>();
        services.AddSingleton<ForwardBatch>();
        services.AddSingleton<DeadLetterBatch>();
        services.AddSingleton<CheckDeliveries>();
        // A singleton: it remembers per process which uploads are settled, and where its walk over them goes on.
        services.AddSingleton<PickUpMissedUploads>();
        services.AddSingleton<ApplyRetention>();
        services.AddSingleton<GetDeliveryStatus>();
        services.AddSingleton<GetTerugmelding>();
        services.AddSingleton<ListBoardDeliveries>();
        services.AddSingleton<ListDeliveries>();
        services.AddSingleton<GetBoardState>();
        services.AddSingleton<AcceptDelivery>();
        services.AddSingleton<CreateUploadLink>();
        services.AddSingleton<ListDeadLetters>();
        services.AddSingleton<ReplayDeadLetter>();
        services.AddSingleton<ImportBoards>();
        services.AddSingleton<SetContactPerson>();
        services.AddSingleton<GetContactPerson>();
        services.AddSingleton<GetBoardHistory>();
        services.AddSingleton<SendEmail>();
        services.AddSingleton<CheckOutbox>();
        services.AddSingleton<ListFailedEmails>();
        services.AddSingleton<SendReminders>();
        services.AddSingleton<PreviewReminders>();
        services.AddSingleton<SetBoardSettings>();
        services.AddSingleton<IssueBoardKey>();
        services.AddSingleton<ListBoardKeys>();
        services.AddSingleton<RevokeBoardKey>();
        services.AddSingleton<IdentifyBoardKey>();
        services.AddSingleton<Operations.GetOperationsOverview>();

        // What the use cases share.
        services.AddSingleton<CloseDelivery>();
        services.AddSingleton<ContentClaiming>();
        services.AddSingleton<DeliveryReports>();
        services.AddSingleton<BoardCheck>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<Notifications>();
        services.AddSingleton<BoardLookup>();
        services.AddSingleton<ReminderPlan>();
        services.AddSingleton<ReminderEmails>();
        return services;
    }
}
