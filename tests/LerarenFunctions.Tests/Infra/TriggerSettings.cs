using System.Reflection;
using System.Text.RegularExpressions;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Infra;

/// <summary>
/// The settings the worker's triggers read by name (<c>%Section:Key%</c> in a trigger attribute, as in
/// <see cref="Schedules.SendReminders"/>). The Functions host resolves them from the app settings at start and has no
/// default for them, so every host must set each one.
/// </summary>
internal static partial class TriggerSettings
{
    /// <summary>Each setting as an app setting name (<c>Herinneringen__Schema</c>) with where it is read.</summary>
    public static IReadOnlyList<(string Name, string Source)> Read()
    {
        var found = new List<(string Name, string Source)>();
        foreach (var type in WorkerHost.FunctionTypes)
        {
            foreach (var method in type.GetMethods())
            {
                foreach (var attribute in method.GetParameters().SelectMany(p => p.GetCustomAttributes(inherit: false)))
                {
                    foreach (var text in attribute.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                                 .Where(p => p.PropertyType == typeof(string) && p.GetIndexParameters().Length == 0)
                                 .Select(p => (string?)p.GetValue(attribute)))
                    {
                        found.AddRange(Names(text).Select(n => (n, $"the trigger of {type.Name}")));
                    }
                }
            }
        }

        // Schedules holds the timers' schedules for both hosts; a setting there is read even before a worker uses it.
        foreach (var field in typeof(Schedules).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
        {
            found.AddRange(Names((string?)field.GetRawConstantValue()).Select(n => (n, $"{nameof(Schedules)}.{field.Name}")));
        }

        return [.. found.DistinctBy(f => f.Name, StringComparer.OrdinalIgnoreCase)];
    }

    private static IEnumerable<string> Names(string? text) =>
        text is null ? [] : SettingReference().Matches(text).Select(m => m.Groups[1].Value.Replace(":", "__", StringComparison.Ordinal));

    [GeneratedRegex(@"%([^%\s]+)%")]
    private static partial Regex SettingReference();
}
