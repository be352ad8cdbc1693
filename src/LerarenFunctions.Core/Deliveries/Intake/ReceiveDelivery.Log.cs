using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Core.Deliveries;

// The intake's log lines: deliveries by id, paths masked, never a row's content.
public sealed partial class ReceiveDelivery
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "File {Path} is no delivery ({Code}); rejected")]
    private static partial void LogNoDelivery(ILogger logger, string path, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "File {Path} is gone before it could be read")]
    private static partial void LogFileGone(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} is being taken in by another run; left alone")]
    private static partial void LogBusy(ILogger logger, string deliveryId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} seen again with status {Status}; nothing to do")]
    private static partial void LogSeenAgain(ILogger logger, string deliveryId, DeliveryStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId}: intake taken over by run {Attempt}")]
    private static partial void LogTakenOver(ILogger logger, string deliveryId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId}: another run took the intake over; this run stops")]
    private static partial void LogLost(ILogger logger, string deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId}: the file was replaced or removed before it was read")]
    private static partial void LogReplaced(ILogger logger, string deliveryId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId}: all {Attempts} intake runs failed; giving up")]
    private static partial void LogGivenUp(ILogger logger, string deliveryId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} abandoned ({Code}); nothing is forwarded")]
    private static partial void LogAbandoned(ILogger logger, string deliveryId, string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} validated: {Status}, {Rows} rows, {Accepted} accepted")]
    private static partial void LogValidated(ILogger logger, string deliveryId, DeliveryStatus status, int rows, int accepted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} has the same content as delivery {EarlierId}; not forwarded again")]
    private static partial void LogDuplicate(ILogger logger, string deliveryId, string earlierId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId}: {Batches} batches queued for the register")]
    private static partial void LogForwarding(ILogger logger, string deliveryId, int batches);
}
