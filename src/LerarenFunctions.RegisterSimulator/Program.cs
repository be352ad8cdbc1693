using LerarenFunctions.RegisterSimulator;

// Standalone: `dotnet run --project src/LerarenFunctions.RegisterSimulator` serves the register on port 7072.
var builder = WebApplication.CreateBuilder(args);
builder.AddRegisterSimulator();
var app = builder.Build();
app.MapRegisterSimulator();
app.Run();
