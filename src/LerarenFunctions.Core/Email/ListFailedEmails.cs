using System.Text.Json.Serialization;

namespace LerarenFunctions.Core.Email;

/// <summary>The e-mails given up after their attempts (dead letters), for operators: to whom (domain only), what, why.</summary>
public sealed class ListFailedEmails(IOutboxStore store)
{
    public async Task<IReadOnlyList<FailedEmailView>> HandleAsync(CancellationToken cancellationToken) =>
        [.. await store.ListFailedAsync(cancellationToken)
            .Select(m => new FailedEmailView(m.Id, m.Bestuursnummer.Value, m.Soort, m.To.Domain, m.Subject, m.Attempts, m.LastError, m.CreatedAt))
            .ToListAsync(cancellationToken)];
}

/// <summary>A failed e-mail as operators see it; the recipient by domain only.</summary>
public sealed record FailedEmailView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("bestuursnummer")] string Bestuursnummer,
    [property: JsonPropertyName("soort")] string Soort,
    [property: JsonPropertyName("domein")] string Domein,
    [property: JsonPropertyName("onderwerp")] string Onderwerp,
    [property: JsonPropertyName("pogingen")] int Pogingen,
    [property: JsonPropertyName("laatsteFout")] string? LaatsteFout,
    [property: JsonPropertyName("aangemaaktOp")] DateTimeOffset AangemaaktOp);
