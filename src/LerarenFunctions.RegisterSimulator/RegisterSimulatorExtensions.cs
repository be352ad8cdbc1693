using LerarenFunctions.Infrastructure.Register;

namespace LerarenFunctions.RegisterSimulator;

public static class RegisterSimulatorExtensions
{
    public static TBuilder AddRegisterSimulator<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<RegisterSimulatorOptions>().BindConfiguration(RegisterSimulatorOptions.SectionName);
        builder.Services.AddSingleton<RegisterState>();
        return builder;
    }

    /// <summary>Maps the register API (<c>POST v1/aanleveringen</c>) and the simulator's own inspection routes.</summary>
    public static IEndpointRouteBuilder MapRegisterSimulator(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        var group = endpoints.MapGroup(prefix).ExcludeFromDescription();
        group.MapPost("/" + RegisterContract.SubmitPath, (HttpRequest request, RegisterBatchRequest? batch, RegisterState state) =>
        {
            var key = request.Headers[RegisterContract.IdempotencyKeyHeader].ToString();
            if (string.IsNullOrWhiteSpace(key))
            {
                return Results.Problem(statusCode: 400, title: "Idempotency-Key ontbreekt");
            }

            if (batch is null || string.IsNullOrWhiteSpace(batch.Bestuursnummer) || batch.Leraren is null)
            {
                return Results.Problem(statusCode: 400, title: "bestuursnummer en leraren zijn verplicht");
            }

            return Results.Ok(state.Apply(key, batch));
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
