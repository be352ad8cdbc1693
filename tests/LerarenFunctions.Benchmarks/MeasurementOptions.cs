using System.Globalization;

namespace LerarenFunctions.Benchmarks;

/// <summary>
/// The command line of a scripted measurement: <c>--name N</c> options that take a whole number in a range and
/// <c>--name</c> switches, each applied to the measurement's settings. Anything else is an error naming the argument.
/// </summary>
/// <typeparam name="T">The measurement's settings.</typeparam>
/// <param name="command">The command's name, for the error.</param>
internal sealed class MeasurementOptions<T>(string command)
{
    private readonly Dictionary<string, (int Min, int Max, Func<T, int, T> Apply)> _numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<T, T>> _switches = new(StringComparer.Ordinal);

    /// <summary>An option <paramref name="name"/> followed by a whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public MeasurementOptions<T> Number(string name, int min, int max, Func<T, int, T> apply)
    {
        _numbers.Add(name, (min, max, apply));
        return this;
    }

    /// <summary>An option <paramref name="name"/> without a value.</summary>
    public MeasurementOptions<T> Switch(string name, Func<T, T> apply)
    {
        _switches.Add(name, apply);
        return this;
    }

    /// <summary>The settings after every argument is applied to <paramref name="defaults"/>; false and why when one is not understood.</summary>
    public bool TryParse(IReadOnlyList<string> args, T defaults, out T settings, out string error)
    {
        settings = defaults;
        error = string.Empty;
        for (var i = 0; i < args.Count; i++)
        {
            if (_switches.TryGetValue(args[i], out var toggle))
            {
                settings = toggle(settings);
            }
            else if (_numbers.TryGetValue(args[i], out var number)
                     && i + 1 < args.Count
                     && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                     && value >= number.Min && value <= number.Max)
            {
                settings = number.Apply(settings, value);
                i++;
            }
            else
            {
                error = $"{command}: '{args[i]}' is not understood, or its value is missing or out of range.";
                return false;
            }
        }

        return true;
    }
}
