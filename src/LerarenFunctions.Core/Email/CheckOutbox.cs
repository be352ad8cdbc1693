namespace LerarenFunctions.Core.Email;

/// <summary>
/// The outbox's safety net: a waiting e-mail that is due and has not been tried for
/// <see cref="OutboxOptions.PickUpAfter"/> (its queue message got lost, or went to the poison queue) is queued again.
/// Reads only the index of waiting messages.
/// </summary>
public sealed class CheckOutbox(IOutboxStore store, IEmailQueue queue, Microsoft.Extensions.Options.IOptions<OutboxOptions> options, TimeProvider time)
{
    /// <summary>Returns how many it queued again.</summary>
    public async Task<int> HandleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var queued = 0;
        await foreach (var stored in store.ListWaitingAsync(cancellationToken))
        {
            var message = stored.Value;
            var lastTouched = new[] { message.CreatedAt, message.NextAttemptAt ?? message.CreatedAt, message.LeaseUntil ?? message.CreatedAt }.Max();
            if (message.IsDue(now) && lastTouched <= now - options.Value.PickUpAfter)
            {
                await queue.EnqueueAsync(message.Id, cancellationToken);
                queued++;
            }
        }

        return queued;
    }
}

/// <summary>The e-mails given up after their attempts (dead letters), for operators: to whom (domain only), what, why.</summary>
public sealed class ListFailedEmails(IOutboxStore store)
{
    public async Task<IReadOnlyList<FailedEmailView>> HandleAsync(CancellationToken cancellationToken) =>
        [.. await store.ListFailedAsync(cancellationToken)
            .Select(m => new FailedEmailView(m.Id, m.Bestuursnummer.Value, m.Soort, m.To.Value[(m.To.Value.IndexOf('@', StringComparison.Ordinal) + 1)..], m.Subject, m.Attempts, m.LastError, m.CreatedAt))
            .ToListAsync(cancellationToken)];
}

/// <summary>A failed e-mail as operators see it; the recipient by domain only.</summary>
public sealed record FailedEmailView(
    [property: System.Text.Json.Serialization.JsonPropertyName("id")] string Id,
    [property: System.Text.Json.Serialization.JsonPropertyName("bestuursnummer")] string Bestuursnummer,
    [property: System.Text.Json.Serialization.JsonPropertyName("soort")] string Soort,
    [property: System.Text.Json.Serialization.JsonPropertyName("domein")] string Domein,
    [property: System.Text.Json.Serialization.JsonPropertyName("onderwerp")] string Onderwerp,
    [property: System.Text.Json.Serialization.JsonPropertyName("pogingen")] int Pogingen,
    [property: System.Text.Json.Serialization.JsonPropertyName("laatsteFout")] string? LaatsteFout,
    [property: System.Text.Json.Serialization.JsonPropertyName("aangemaaktOp")] DateTimeOffset AangemaaktOp);
