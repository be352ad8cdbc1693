namespace LerarenFunctions.Core.Domain;

/// <summary>How long a failed attempt waits before the next: the base delay, doubled per failed attempt, capped.</summary>
public static class BackOff
{
    /// <param name="baseDelay">The wait after the first failed attempt.</param>
    /// <param name="maxDelay">The longest wait.</param>
    /// <param name="failedAttempts">Attempts failed so far, at least 1.</param>
    public static TimeSpan Exponential(TimeSpan baseDelay, TimeSpan maxDelay, long failedAttempts)
    {
        var exponential = baseDelay * Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 20));
        return exponential < maxDelay ? exponential : maxDelay;
    }
}
