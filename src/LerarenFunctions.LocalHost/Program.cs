using LerarenFunctions.Infrastructure;
using LerarenFunctions.LocalHost.Development;
using LerarenFunctions.LocalHost.Hosting;
using LerarenFunctions.RegisterSimulator;

var builder = WebApplication.CreateBuilder(args);
builder.AddLocalAzurite();
builder.AddLocalSmtp4dev();
builder.AddLerarenFunctions();
builder.AddLocalHostTelemetry();
builder.AddWebJobsTriggers();
builder.AddRegisterSimulator();

var app = builder.Build();
app.MapLerarenFunctionsHttp();
app.MapEmbeddedRegisterSimulator();
app.MapDevelopmentRoutes();
app.Run();
