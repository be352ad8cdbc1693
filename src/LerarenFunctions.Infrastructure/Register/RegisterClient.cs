using System.Net;
using System.Net.Http.Json;
using System.Text;
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
/// <remarks>
/// A 2xx answer is checked against the contract before any of it is trusted: one result per teacher, each exactly
/// <c>geregistreerd</c> with a <c>registratieId</c> or exactly <c>afgewezen</c> with a <c>reden</c>. An answer that
/// breaks it says nothing reliable about any teacher of the batch, so it becomes a
/// <see cref="RegisterAnswerInvalidException"/> — a failed attempt, retried and finally dead-lettered — rather than a
/// guess (a silent <c>afgewezen</c>) or a NullReferenceException (which the queue would redeliver to the poison queue,
/// calling the register each time). Register text that ends up in an exception message is what operators read in a
/// dead letter: every digit run in it that can be a BSN is masked first, and it is cut short after masking, so a cut
/// never leaves the first digits of a BSN unmasked.
/// </remarks>
public sealed class RegisterClient(HttpClient http) : IRegisterClient
{
    /// <summary>How much of a refusal's problem body is kept for operators.</summary>
    private const int MaxProblemLength = 500;

    /// <summary>How much of a single value of the answer (a status, a media type) is quoted in a message.</summary>
    private const int MaxQuotedLength = 40;

    /// <summary>
    /// The contract's names, matched exactly: the web defaults of <c>ReadFromJsonAsync</c> would also take
    /// <c>Resultaten</c> or <c>STATUS</c>, which the contract does not know. A property given twice (two statuses in one
    /// result) is ambiguous, not "the last one wins".
    /// </summary>
    private static readonly JsonSerializerOptions AnswerJson = new() { AllowDuplicateProperties = false };

    /// <summary>
    /// Marks the requests of a batch's register call, the only HTTP requests that are traced: a mark on the request
    /// itself, so the trace filter needs no setting to compare with (with more than one tracer provider in a process,
    /// as in tests, every provider's filter must say yes, and a filter that compared URLs of its own said no).
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> TracedCall = new("LerarenFunctions.RegisterCall");

    public async Task<IReadOnlyList<RecordResult>> SubmitAsync(Bestuursnummer bestuursnummer, IReadOnlyList<TeacherRecord> records, string idempotencyKey, CancellationToken cancellationToken)
    {
        var body = new RegisterBatchRequest(bestuursnummer.Value, [.. records.Select(ToContract)]);
        using var request = new HttpRequestMessage(HttpMethod.Post, RegisterContract.SubmitPath)
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Add(RegisterContract.IdempotencyKeyHeader, idempotencyKey);
        request.Options.Set(TracedCall, true);

        try
        {
            return await SendAsync(request, records, idempotencyKey, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new RegisterUnavailableException($"The register did not answer batch {idempotencyKey} usefully: {ex.Message}", ex);
        }
    }

    private async Task<IReadOnlyList<RecordResult>> SendAsync(HttpRequestMessage request, IReadOnlyList<TeacherRecord> records, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, cancellationToken);
        if (IsPermanent(response.StatusCode))
        {
            // Kept for operators in the dead letter. It should describe the request, but a register's error text may
            // quote the person it is about.
            var problem = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(cancellationToken));
            throw new RegisterRefusedException((int)response.StatusCode,
                $"The register refused the batch with {(int)response.StatusCode}: {RegisterText(problem, MaxProblemLength)}");
        }

        response.EnsureSuccessStatusCode();
        var answer = await ReadAnswerAsync(response, idempotencyKey, cancellationToken);
        return ToResults(answer, records, idempotencyKey);
    }

    /// <summary>
    /// Reads the body as the contract's JSON. The bytes are parsed as UTF-8 (RFC 8259) whatever charset the header
    /// claims, so a wrong charset is a contract break with a reason rather than an unmapped exception.
    /// </summary>
    private static async Task<RegisterBatchResponse> ReadAnswerAsync(HttpResponseMessage response, string idempotencyKey, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (bytes.Length == 0)
        {
            throw Invalid(idempotencyKey, $"it came ({(int)response.StatusCode}) without a body");
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!IsJson(mediaType))
        {
            throw Invalid(idempotencyKey, $"it came with Content-Type {Quote(mediaType ?? "(none)")} instead of application/json");
        }

        try
        {
            return JsonSerializer.Deserialize<RegisterBatchResponse>(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? bytes.AsSpan(3) : bytes, AnswerJson)
                ?? throw Invalid(idempotencyKey, "it is JSON null");
        }
        catch (JsonException ex)
        {
            // Not kept as the inner exception: operators read inner messages too, and this one may quote the answer.
            throw Invalid(idempotencyKey, $"it is not valid JSON of the contract's shape ({RegisterText(ex.Message, MaxProblemLength)})");
        }
    }

    /// <summary>Matches the results to the records by position, checking each against the contract first.</summary>
    private static RecordResult[] ToResults(RegisterBatchResponse answer, IReadOnlyList<TeacherRecord> records, string idempotencyKey)
    {
        if (answer.Resultaten is not { } resultaten)
        {
            throw Invalid(idempotencyKey, "it came without resultaten (missing or null)");
        }

        if (resultaten.Count != records.Count)
        {
            throw Invalid(idempotencyKey, $"it holds {resultaten.Count} results for {records.Count} teachers");
        }

        var results = new RecordResult[records.Count];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = ToResult(records[i].Row, resultaten[i], $"result {i + 1} of {results.Length}", idempotencyKey);
        }

        return results;
    }

    /// <summary>
    /// Only the two statuses of the contract, spelled exactly so, each with its own value and without the other's:
    /// anything else might mean either, and recording it as one of them would be a guess.
    /// </summary>
    private static RecordResult ToResult(int row, RegisterRecordResult? result, string which, string idempotencyKey)
    {
        switch (result)
        {
            case null:
                throw Invalid(idempotencyKey, $"{which} is null");
            case { Status: null }:
                throw Invalid(idempotencyKey, $"{which} has no status");
            case { Status: RegisterContract.Geregistreerd, RegistratieId: var id } when string.IsNullOrWhiteSpace(id):
                throw Invalid(idempotencyKey, $"{which} is geregistreerd without a registratieId");
            case { Status: RegisterContract.Geregistreerd, Reden: not null }:
                throw Invalid(idempotencyKey, $"{which} is geregistreerd but also has a reden");
            case { Status: RegisterContract.Geregistreerd }:
                return new RecordResult(row, RecordOutcome.Geregistreerd, result.RegistratieId, null);
            case { Status: RegisterContract.Afgewezen, Reden: var reden } when string.IsNullOrWhiteSpace(reden):
                throw Invalid(idempotencyKey, $"{which} is afgewezen without a reden");
            case { Status: RegisterContract.Afgewezen, RegistratieId: not null }:
                throw Invalid(idempotencyKey, $"{which} is afgewezen but also has a registratieId");
            case { Status: RegisterContract.Afgewezen }:
                // The reden goes into the terugmelding, where a BSN is never shown whole either.
                return new RecordResult(row, RecordOutcome.Afgewezen, null, PersonalData.MaskDigitRuns(result.Reden!));
            default:
                throw Invalid(idempotencyKey,
                    $"{which} has status {Quote(result.Status)}; the contract knows only '{RegisterContract.Geregistreerd}' and '{RegisterContract.Afgewezen}', spelled exactly so");
        }
    }

    private static RegisterAnswerInvalidException Invalid(string idempotencyKey, string detail) =>
        new($"The register's answer to batch {idempotencyKey} breaks the contract: {detail}.");

    private static bool IsJson(string? mediaType) =>
        mediaType is not null
        && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static string Quote(string value) => $"'{RegisterText(value, MaxQuotedLength)}'";

    /// <summary>
    /// Register text as it may be kept: digit runs that can be a BSN masked, then cut to <paramref name="maxLength"/>
    /// (masking after the cut would leave the first digits of a BSN that straddles it in the clear).
    /// </summary>
    private static string RegisterText(string text, int maxLength)
    {
        var masked = PersonalData.MaskDigitRuns(text);
        if (masked.Length <= maxLength)
        {
            return masked;
        }

        var cut = char.IsHighSurrogate(masked[maxLength - 1]) ? maxLength - 1 : maxLength;
        return string.Concat(masked.AsSpan(0, cut), "…");
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
