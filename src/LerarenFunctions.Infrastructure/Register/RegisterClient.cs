using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace LerarenFunctions.Infrastructure.Register;

/// <summary>
/// The typed client of the register API. Retries, Retry-After and timeouts come from the resilience handler
/// around it; a permanent refusal (a 4xx other than 408 and 429) becomes a <see cref="RegisterRefusedException"/>,
/// since sending the batch again would not change the answer.
/// </summary>
public sealed class RegisterClient(HttpClient http) : IRegisterClient
{
    public async Task<IReadOnlyList<RecordResult>> SubmitAsync(Bestuursnummer bestuursnummer, IReadOnlyList<TeacherRecord> records, string idempotencyKey, CancellationToken cancellationToken)
    {
        var body = new RegisterBatchRequest(bestuursnummer.Value, [.. records.Select(ToContract)]);
        using var request = new HttpRequestMessage(HttpMethod.Post, RegisterContract.SubmitPath)
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Add(RegisterContract.IdempotencyKeyHeader, idempotencyKey);

        try
        {
            return await SendAsync(request, records, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or JsonException or InvalidDataException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new RegisterUnavailableException($"The register did not answer batch {idempotencyKey} usefully: {ex.Message}", ex);
        }
    }

    private async Task<IReadOnlyList<RecordResult>> SendAsync(HttpRequestMessage request, IReadOnlyList<TeacherRecord> records, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, cancellationToken);
        if (IsPermanent(response.StatusCode))
        {
            // The problem text describes the request, not a person: it is safe to keep for operators.
            var problem = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new RegisterRefusedException((int)response.StatusCode,
                $"The register refused the batch with {(int)response.StatusCode}: {(problem.Length <= 500 ? problem : problem[..500])}");
        }

        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<RegisterBatchResponse>(cancellationToken)
            ?? throw new InvalidDataException("The register answered without a body.");
        if (answer.Resultaten.Count != records.Count)
        {
            throw new InvalidDataException($"The register answered {answer.Resultaten.Count} results for {records.Count} records.");
        }

        return [.. records.Zip(answer.Resultaten, (record, result) => new RecordResult(
            record.Row,
            result.Status == RegisterContract.Geregistreerd ? RecordOutcome.Geregistreerd : RecordOutcome.Afgewezen,
            result.RegistratieId,
            result.Reden))];
    }

    /// <summary>
    /// A 4xx other than 408 and 429 will get the same answer however often the batch is sent (400/422: the
    /// content; 401/403/404: our configuration), so the batch is dead-lettered at once for an operator to replay.
    /// </summary>
    private static bool IsPermanent(HttpStatusCode status) =>
        (int)status is >= 400 and < 500 && status is not HttpStatusCode.RequestTimeout and not HttpStatusCode.TooManyRequests;

    private static Dictionary<string, string> ToContract(TeacherRecord record)
    {
        var fields = record.Fields
            .Where(f => f.Key != TeacherFileColumns.RegelId)
            .ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        fields[TeacherFileColumns.Bsn] = record.Bsn.Value;
        fields[TeacherFileColumns.Brinnummer] = record.Brin.Value;
        return fields;
    }
}
