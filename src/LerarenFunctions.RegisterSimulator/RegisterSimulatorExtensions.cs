using LerarenFunctions.Core.Files;
using LerarenFunctions.Infrastructure.Register;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LerarenFunctions.RegisterSimulator;

public static class RegisterSimulatorExtensions
{
    public static TBuilder AddRegisterSimulator<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<RegisterSimulatorOptions>().BindConfiguration(RegisterSimulatorOptions.SectionName);
        builder.Services.AddSingleton<RegisterState>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>Maps the register API (<c>POST v1/aanleveringen</c>) and the simulator's own inspection routes.</summary>
    public static IEndpointRouteBuilder MapRegisterSimulator(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        var group = endpoints.MapGroup(prefix).ExcludeFromDescription();
        group.MapPost("/" + RegisterContract.SubmitPath, async (HttpRequest request, HttpResponse response, RegisterBatchRequest? batch, RegisterState state, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var faults = state.Faults;
            if (faults.ExtraLatency > TimeSpan.Zero)
            {
                await Task.Delay(faults.ExtraLatency, time, cancellationToken);
            }

            var now = time.GetUtcNow();
            if (faults.RefuseWithStatus is { } refusal)
            {
                state.CountRequest();
                // A real register's error text may quote the person it is about: the client must mask it.
                var bsn = batch?.Leraren is [var first, ..] ? first.GetValueOrDefault(TeacherFileColumns.Bsn) : null;
                return Results.Problem(
                    statusCode: refusal,
                    title: "Het register weigert deze aanlevering (gesimuleerd).",
                    detail: bsn is null ? null : $"Leraar met BSN {bsn}: de benoeming is niet te verwerken (gesimuleerd).");
            }

            if (faults.OutageStart is { } start && now >= start && now < start + faults.OutageDuration)
            {
                state.CountRequest();
                return Results.Problem(statusCode: 503, title: "Storing (gesimuleerd).");
            }

            var roll = state.Roll();
            if (roll < faults.ServiceUnavailableRate)
            {
                state.CountRequest();
                return Results.Problem(statusCode: 503, title: "Tijdelijk niet beschikbaar (gesimuleerd).");
            }

            if (roll < faults.ServiceUnavailableRate + faults.TooManyRequestsRate)
            {
                state.CountRequest();
                response.Headers.RetryAfter = faults.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Problem(statusCode: 429, title: "Te veel verzoeken (gesimuleerd).");
            }

            var hang = roll < faults.ServiceUnavailableRate + faults.TooManyRequestsRate + faults.HangRate;
            var key = request.Headers[RegisterContract.IdempotencyKeyHeader].ToString();
            if (string.IsNullOrWhiteSpace(key))
            {
                return Results.Problem(statusCode: 400, title: "Idempotency-Key ontbreekt");
            }

            if (batch is null || string.IsNullOrWhiteSpace(batch.Bestuursnummer) || batch.Leraren is null)
            {
                return Results.Problem(statusCode: 400, title: "bestuursnummer en leraren zijn verplicht");
            }

            var answer = state.Apply(key, batch);
            if (hang)
            {
                // Applied, but the answer comes too late: the client's retry must not apply it again.
                await Task.Delay(faults.HangDuration, time, cancellationToken);
            }

            // Applied and remembered under the key, but answered against the contract: a retry once the fault is
            // off gets the proper first answer.
            return faults.BrokenAnswer is { } broken ? BrokenAnswers.Render(broken, answer) : Results.Ok(answer);
        });
        group.MapGet("/v1/registraties", (RegisterState state) => Results.Ok(state.List()));
        group.MapDelete("/v1/registraties", (RegisterState state) =>
        {
            state.Clear();
            return Results.NoContent();
        });
        return endpoints;
    }
}
