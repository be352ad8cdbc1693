using System.Globalization;

namespace LerarenFunctions.Tests.Fakes;

/// <summary>Versions as a store hands them out: a new one for every write, never reused.</summary>
internal static class Versions
{
    private static long _last;

    public static string Next() => "v" + Interlocked.Increment(ref _last).ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Makes a fake's conditional writes fail on purpose, as if another writer got there first: to prove a use case reads
/// again and stops after a bounded number of tries.
/// </summary>
public sealed class Conflicter
{
    /// <summary>Every conditional write fails while this is set.</summary>
    public bool Always { get; set; }

    /// <summary>The next this many conditional writes fail.</summary>
    public int Next { get; set; }

    /// <summary>Conditional writes refused so far.</summary>
    public int Refused { get; private set; }

    internal bool Refuse()
    {
        if (Always || Next > 0)
        {
            Next = Math.Max(0, Next - 1);
            Refused++;
            return true;
        }

        return false;
    }
}
