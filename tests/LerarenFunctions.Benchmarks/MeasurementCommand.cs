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
}
