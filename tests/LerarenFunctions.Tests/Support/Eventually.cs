namespace LerarenFunctions.Tests.Support;

public static class Eventually
{
    /// <summary>Polls <paramref name="probe"/> until it returns a value, or fails after <paramref name="timeout"/>.</summary>
    public static async Task<T> WaitAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, Func<string> describe)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (value is not null)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not reached within {timeout}. {describe()}");
            }

            await Task.Delay(250);
        }
    }
}
