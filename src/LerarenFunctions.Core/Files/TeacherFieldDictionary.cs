using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace LerarenFunctions.Core.Files;

/// <summary>
/// The <see cref="Deliveries.TeacherRecord.Fields"/> of a valid row: one inline slot per contract column instead of
/// a hash table, because a file can have half a million rows and every row gets one (a single small object).
/// </summary>
internal sealed class TeacherFieldDictionary : IReadOnlyDictionary<string, string>
{
    private const int Slots = 16;
    private static readonly IReadOnlyList<string> Names = TeacherFileColumns.All;
    private FieldValues _values;

    public int Count
    {
        get
        {
            var count = 0;
            foreach (var value in _values)
            {
                if (value is not null)
                {
                    count++;
                }
            }

            return count;
        }
    }

    public IEnumerable<string> Keys => this.Select(p => p.Key);

    public IEnumerable<string> Values => this.Select(p => p.Value);

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The row has no field '{key}'.");

    /// <summary>Sets the value of <paramref name="column"/>; null leaves the field out.</summary>
    public void Set(TeacherColumn column, string? value) => _values[(int)column] = value;

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        for (var i = 0; i < Slots; i++)
        {
            if (_values[i] is { } found && string.Equals(Names[i], key, StringComparison.Ordinal))
            {
                value = found;
                return true;
            }
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < Slots; i++)
        {
            if (_values[i] is { } value)
            {
                yield return new KeyValuePair<string, string>(Names[i], value);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    [InlineArray(Slots)]
    private struct FieldValues
    {
        private string? _element;
    }
}
