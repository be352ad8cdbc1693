using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace LerarenFunctions.Tests.Support;

/// <summary>
/// Wraps a registered port of the real composition so a test can make one call fail or wait, to reproduce a crash or
/// a race at an exact point. Everything else goes to the real adapter (Azurite), unchanged.
/// </summary>
public static class Interception
{
    /// <summary>Which run a call belongs to: set it before starting a run; it flows with the run's async calls.</summary>
    public static AsyncLocal<string?> Run { get; } = new();

    /// <summary>Replaces the registration of <typeparamref name="T"/> with the same implementation behind <paramref name="hook"/>.</summary>
    public static IServiceCollection Intercept<T>(this IServiceCollection services, CallHook hook)
        where T : class
    {
        var descriptor = services.Last(d => d.ServiceType == typeof(T));
        services.Remove(descriptor);
        services.AddSingleton(sp =>
        {
            var inner = (T)(descriptor.ImplementationInstance
                ?? descriptor.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!));
            var proxy = DispatchProxy.Create<T, InterceptingProxy>();
            ((InterceptingProxy)(object)proxy).Configure(inner, hook);
            return proxy;
        });
        return services;
    }
}

/// <summary>Decides what happens to a call: return <paramref name="call"/>'s result, or something else.</summary>
/// <param name="method">The interface method called.</param>
/// <param name="call">Runs the call on the real adapter.</param>
public delegate object? CallHook(MethodInfo method, Func<object?> call);

/// <summary>Helpers to build <see cref="CallHook"/>s for async methods.</summary>
public static class Hooks
{
    /// <summary>Throws <paramref name="error"/> on the first <paramref name="count"/> calls of <paramref name="methodName"/>.</summary>
    public static CallHook FailCalls(string methodName, int count, Func<Exception> error)
    {
        var failed = 0;
        return (method, call) =>
            method.Name == methodName && Interlocked.Increment(ref failed) <= count
                ? FaultedLike(method.ReturnType, error())
                : call();
    }

    /// <summary>
    /// Holds the result of <paramref name="methodName"/> for calls of the run tagged <paramref name="run"/> until
    /// <paramref name="gate"/> completes: the run has read, and acts on what it read only later.
    /// </summary>
    public static CallHook HoldAfter(string methodName, string run, Task gate, TaskCompletionSource? held = null) =>
        (method, call) =>
        {
            var result = call();
            if (method.Name != methodName || Interception.Run.Value != run || result is not Task task)
            {
                return result;
            }

            return ContinueLike(method.ReturnType, task, async () =>
            {
                held?.TrySetResult();
                await gate;
            });
        };

    private static object FaultedLike(Type returnType, Exception error)
    {
        if (returnType == typeof(Task))
        {
            return Task.FromException(error);
        }

        var resultType = returnType.GetGenericArguments()[0];
        return typeof(Task).GetMethod(nameof(Task.FromException), 1, [typeof(Exception)])!.MakeGenericMethod(resultType).Invoke(null, [error])!;
    }

    private static object ContinueLike(Type returnType, Task task, Func<Task> after)
    {
        if (returnType == typeof(Task))
        {
            return Then(task, after);
        }

        var resultType = returnType.GetGenericArguments()[0];
        return typeof(Hooks).GetMethod(nameof(ThenResult), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(resultType).Invoke(null, [task, after])!;
    }

    private static async Task Then(Task task, Func<Task> after)
    {
        await task;
        await after();
    }

    private static async Task<T> ThenResult<T>(Task<T> task, Func<Task> after)
    {
        var result = await task;
        await after();
        return result;
    }
}

/// <summary>The proxy behind <see cref="Interception.Intercept{T}"/>; public and unsealed as DispatchProxy needs.</summary>
#pragma warning disable CA1852 // DispatchProxy derives from it at run time.
public class InterceptingProxy : DispatchProxy
#pragma warning restore CA1852
{
    private object _inner = null!;
    private CallHook _hook = null!;

    internal void Configure(object inner, CallHook hook)
    {
        _inner = inner;
        _hook = hook;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        return _hook(targetMethod, () =>
        {
            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
                throw;
            }
        });
    }
}
