using System.Runtime.InteropServices;
using LerarenFunctions.LocalHost.Development;
using LerarenFunctions.Benchmarks.Timers;

namespace LerarenFunctions.Benchmarks;

/// <summary>
/// How a scripted measurement runs from the command line: a wrong command line prints the usage (exit 2), ctrl-c stops
/// it through its finally blocks, which stop what it started (exit 1).
/// </summary>
internal static class MeasurementCommand
{
    /// <param name="error">Why the command line is wrong; null when it is right.</param>
    /// <param name="usage">The usage line.</param>
    /// <param name="measure">The measurement; its exit code.</param>
    /// <param name="stopped">What a stop by ctrl-c leaves behind, for the operator.</param>
    public static async Task<int> RunAsync(string? error, string usage, Func<CancellationToken, Task<int>> measure, string stopped)
    {
        if (error is not null)
        {
            await Console.Error.WriteLineAsync(error);
            await Console.Error.WriteLineAsync(usage);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // Unwind through the finally blocks, which stop what the measurement started.
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await measure(stop.Token);
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync(stopped);
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>A measurement on an Azurite of its own that prints its figures: exit 0 when it ran to its end.</summary>
    public static Task<int> RunAsync(string? error, string usage, Func<CancellationToken, Task> measure) =>
        RunAsync(
            error,
            usage,
            async cancellationToken =>
            {
                await measure(cancellationToken);
                return 0;
            },
            "Stopped (ctrl-c or SIGTERM); Azurite is stopped.");

    /// <summary>Prints the machine the figures come from, and warns when they come from a Debug build.</summary>
    public static void PrintMachine()
    {
        Console.WriteLine(TimersMeasurement.Invariant(
            $"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; load average {TimersMeasurement.LoadAverage()}"));
#if DEBUG
        Console.WriteLine("warning: not a Release build; run with -c Release for figures worth writing down");
#endif
    }

    /// <summary>
    /// Runs <paramref name="measure"/> with an Azurite of its own on free ports, in memory, stopped when it ends, on
    /// ctrl-c, and also when the harness is killed (not only on ctrl-c).
    /// </summary>
    public static async Task WithAzuriteAsync(Func<AzuriteProcess, Task> measure, CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteProcess.StartOnFreePortsAsync(cancellationToken);
        EventHandler onExit = (_, _) => azurite.DisposeAsync().AsTask().GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += onExit;
        try
        {
            await measure(azurite);
        }
        finally
        {
            AppDomain.CurrentDomain.ProcessExit -= onExit;
        }
    }
}
