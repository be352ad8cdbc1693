using LerarenFunctions.Infrastructure;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddLerarenFunctions();
// The worker's invocation spans and resource (the function app), and the host's trace context on every invocation;
// it also tells the host that the worker exports its own logs. Exporters: AddLerarenFunctions (TelemetryExtensions).
builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
builder.Build().Run();
