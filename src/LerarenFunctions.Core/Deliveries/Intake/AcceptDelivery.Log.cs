using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Core.Deliveries;

// The upload's log lines: boards and deliveries by number and id, never the body.
public sealed partial class AcceptDelivery
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Upload accepted as delivery {DeliveryId} (trial: {IsTrial}, {Bytes} bytes)")]
    private static partial void LogAccepted(ILogger logger, string deliveryId, bool isTrial, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload is a retry of delivery {DeliveryId}; nothing stored")]
    private static partial void LogRepeated(ILogger logger, string deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload for board {Bestuursnummer} reuses an idempotency key for another request; refused")]
    private static partial void LogKeyReused(ILogger logger, string bestuursnummer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload for board {Bestuursnummer}: the first request with its idempotency key is still being stored")]
    private static partial void LogInProgress(ILogger logger, string bestuursnummer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload for board {Bestuursnummer} is larger than {MaxBytes} bytes; refused")]
    private static partial void LogTooLarge(ILogger logger, string bestuursnummer, long maxBytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "JSON upload for board {Bestuursnummer} has more than {MaxRows} records; refused")]
    private static partial void LogTooManyRecords(ILogger logger, string bestuursnummer, int maxRows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "JSON upload for board {Bestuursnummer} is not valid JSON of the contract's shape; refused")]
    private static partial void LogInvalidJson(ILogger logger, string bestuursnummer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload for unknown board {Bestuursnummer}; refused")]
    private static partial void LogUnknownBoard(ILogger logger, string bestuursnummer);
}
