using System.Reflection;
using LerarenFunctions.Core;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.LocalHost.Hosting;
using LerarenFunctions.Tests.Support;
using WorkerFunction = Microsoft.Azure.Functions.Worker.FunctionAttribute;
using WorkerHttpTrigger = Microsoft.Azure.Functions.Worker.HttpTriggerAttribute;
using WorkerTimerTrigger = Microsoft.Azure.Functions.Worker.TimerTriggerAttribute;

namespace LerarenFunctions.Tests.Integration;

/// <summary>
/// One name per thing: a function, its use case and its schedule share a name, so a reader who finds one finds the
/// others. The drift test keeps the two hosts' bindings equal; this keeps the names honest.
/// </summary>
public class FunctionNamingTests
{
    [Fact]
    public void WorkerFunctions_AreNamedAfterTheirClass_Always()
    {
        Assert.All(WorkerFunctions(), f => Assert.Equal(f.Name + "Function", f.Method.DeclaringType!.Name));
    }

    [Fact]
    public void TriggeredFunctions_ShareTheNameOfTheirUseCaseInCore_Always()
    {
        var useCases = typeof(CoreServiceCollectionExtensions).Assembly.GetExportedTypes().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var triggered = WorkerFunctions().Where(f => !f.IsHttp).ToList();

        Assert.NotEmpty(triggered);
        Assert.All(triggered, f => Assert.True(useCases.Contains(f.Name), $"{f.Name} has no use case of that name in Core."));
    }

    [Fact]
    public void TimerFunctions_UseTheScheduleOfTheirName_Always()
    {
        var schedules = typeof(Schedules).GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!, StringComparer.Ordinal);
        var timers = WorkerFunctions().Where(f => f.Schedule is not null).ToList();

        Assert.Equal(schedules.Keys.Order(StringComparer.Ordinal), timers.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(timers, t => Assert.Equal(schedules[t.Name], t.Schedule));
    }

    [Fact]
    public void LocalHostTwins_ShareTheWorkersFunctionNames_Always()
    {
        var worker = WorkerFunctions().Where(f => !f.IsHttp).Select(f => f.Name).Order(StringComparer.Ordinal);
        var local = LocalHostExtensions.TriggerFunctionTypes
            .SelectMany(t => t.GetMethods())
            .Select(m => m.GetCustomAttribute<Microsoft.Azure.WebJobs.FunctionNameAttribute>()?.Name)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

        Assert.Equal(worker, local);
    }

    private static List<(string Name, MethodInfo Method, bool IsHttp, string? Schedule)> WorkerFunctions() =>
    [
        .. WorkerHost.FunctionTypes
            .SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttribute<WorkerFunction>() is not null)
            .Select(m =>
            {
                var parameters = m.GetParameters();
                return (
                    m.GetCustomAttribute<WorkerFunction>()!.Name,
                    m,
                    parameters.Any(p => p.GetCustomAttribute<WorkerHttpTrigger>() is not null),
                    parameters.Select(p => p.GetCustomAttribute<WorkerTimerTrigger>()?.Schedule).FirstOrDefault(s => s is not null));
            }),
    ];
}
