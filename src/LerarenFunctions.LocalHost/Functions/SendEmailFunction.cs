using LerarenFunctions.Core.Email;
using LerarenFunctions.Infrastructure.Storage;
using Microsoft.Azure.WebJobs;

namespace LerarenFunctions.LocalHost.Functions;

/// <summary>The WebJobs twin of the worker's <c>SendEmail</c>.</summary>
public sealed class SendEmailFunction(SendEmail sendEmail)
{
    [FunctionName(nameof(SendEmail))]
    public Task Run(
        [QueueTrigger(StorageNames.EmailQueue, Connection = StorageNames.Connection)] string id,
        CancellationToken cancellationToken) =>
        sendEmail.HandleAsync(id, cancellationToken);
}
