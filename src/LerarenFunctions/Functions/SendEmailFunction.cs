using LerarenFunctions.Core.Email;
using LerarenFunctions.Infrastructure.Storage;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary>Sends one e-mail of the outbox; the queue message holds its id.</summary>
public sealed class SendEmailFunction(SendEmail sendEmail)
{
    [Function(nameof(SendEmail))]
    public Task Run(
        [QueueTrigger(StorageNames.EmailQueue, Connection = StorageNames.Connection)] string id,
        CancellationToken cancellationToken) =>
        sendEmail.HandleAsync(id, cancellationToken);
}
