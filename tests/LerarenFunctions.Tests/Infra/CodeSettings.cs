using System.Collections;
using System.Reflection;
using LerarenFunctions.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;

namespace LerarenFunctions.Tests.Infra;

/// <summary>A setting the app reads, named as an app setting (<c>Section__Key</c>), with where it is read and its code default.</summary>
internal sealed record CodeSetting(string Name, string Source, Type? ValueType, object? Default, bool IsList = false, bool ReadByTrigger = false)
{
    /// <summary>Whether <paramref name="appSetting"/> sets this setting (a list as <c>Name__0</c>, <c>Name__1</c>, ...).</summary>
    public bool IsSetBy(string appSetting) =>
        string.Equals(Name, appSetting, StringComparison.OrdinalIgnoreCase)
        || (IsList
            && appSetting.StartsWith(Name + "__", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(appSetting[(Name.Length + 2)..], out _));
}

/// <summary>
/// The settings the app reads, found by reflection so that a new option property shows up by itself: every options
/// class (a <c>public const string SectionName</c>) with its public settable properties, named as the configuration
/// binder reads them (<see cref="ConfigurationKeyNameAttribute"/>, nested option objects, dictionaries by their
/// known keys, lists by index).
/// </summary>
internal static class CodeSettings
{
    /// <summary>The options classes of <paramref name="assemblies"/>.</summary>
    public static IReadOnlyList<Type> OptionTypes(params Assembly[] assemblies) =>
    [
        .. assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false }
                && t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
                && field.FieldType == typeof(string))
            .OrderBy(t => t.FullName, StringComparer.Ordinal),
    ];

    /// <summary>
    /// The settings of <paramref name="optionTypes"/> plus those a trigger reads; what cannot be named (a dictionary
    /// without known keys, a property type the binder cannot bind) goes to <paramref name="problems"/>.
    /// </summary>
    public static IReadOnlyList<CodeSetting> Read(
        IEnumerable<Type> optionTypes,
        IReadOnlyDictionary<string, IReadOnlyList<string>> dictionaryKeys,
        IEnumerable<(string Name, string Source)> triggerSettings,
        ICollection<string> problems)
    {
        var settings = new List<CodeSetting>();
        foreach (var type in optionTypes)
        {
            var section = ((string)type.GetField("SectionName")!.GetRawConstantValue()!).Replace(":", "__", StringComparison.Ordinal);
            if (type == typeof(StorageOptions))
            {
                settings.AddRange(StorageSettings());
                continue;
            }

            AddProperties(settings, type, Activator.CreateInstance(type), section, type.Name, dictionaryKeys, problems);
        }

        foreach (var (name, source) in triggerSettings)
        {
            var index = settings.FindIndex(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                settings[index] = settings[index] with { ReadByTrigger = true, Source = $"{settings[index].Source} and {source}" };
            }
            else
            {
                settings.Add(new CodeSetting(name, source, typeof(string), null, ReadByTrigger: true));
            }
        }

        return settings;
    }

    /// <summary>
    /// StorageOptions is not bound: LerarenFunctionsHostingExtensions reads the names the Functions host reads, the
    /// connection string as the section's own value and the identity-based settings as its children (its *Key constants).
    /// </summary>
    private static IEnumerable<CodeSetting> StorageSettings()
    {
        yield return new CodeSetting(StorageNames.Connection, $"{nameof(StorageOptions)}.{nameof(StorageOptions.ConnectionString)}", typeof(string), null);
        foreach (var key in typeof(StorageOptions).GetFields(BindingFlags.Public | BindingFlags.Static)
                     .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name.EndsWith("Key", StringComparison.Ordinal)))
        {
            yield return new CodeSetting(StorageOptions.Setting((string)key.GetRawConstantValue()!), $"{nameof(StorageOptions)}.{key.Name}", typeof(string), null);
        }
    }

    private static void AddProperties(
        List<CodeSetting> settings,
        Type type,
        object? defaults,
        string prefix,
        string source,
        IReadOnlyDictionary<string, IReadOnlyList<string>> dictionaryKeys,
        ICollection<string> problems)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.SetMethod?.IsPublic == true && p.GetIndexParameters().Length == 0))
        {
            var key = property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name;
            var name = $"{prefix}__{key}";
            var where = $"{source}.{property.Name}";
            var value = defaults is null ? null : property.GetValue(defaults);
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;

            if (IsScalar(propertyType))
            {
                settings.Add(new CodeSetting(name, where, propertyType, value));
            }
            else if (GenericInterface(propertyType, typeof(IDictionary<,>)) is { } dictionary)
            {
                if (!dictionaryKeys.TryGetValue(name, out var keys))
                {
                    problems.Add($"{where} is a dictionary ('{name}__{{key}}'): add its known keys to the dictionary keys of the drift test, so each key can be checked as a setting.");
                    continue;
                }

                var valueType = dictionary.GetGenericArguments()[1];
                settings.AddRange(keys.Select(k => new CodeSetting($"{name}__{k}", $"{where}[{k}]", Nullable.GetUnderlyingType(valueType) ?? valueType, (value as IDictionary)?[k])));
            }
            else if (GenericInterface(propertyType, typeof(IEnumerable<>)) is not null)
            {
                settings.Add(new CodeSetting(name, where, propertyType, value, IsList: true));
            }
            else if (propertyType.IsClass && propertyType.GetConstructor(Type.EmptyTypes) is not null)
            {
                AddProperties(settings, propertyType, value ?? Activator.CreateInstance(propertyType), name, where, dictionaryKeys, problems);
            }
            else
            {
                problems.Add($"{where} has a type the drift test cannot name as settings ({propertyType.Name}): teach CodeSettings to read it.");
            }
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive
        || type.IsEnum
        || type == typeof(string)
        || type == typeof(decimal)
        || type == typeof(TimeSpan)
        || type == typeof(DateTime)
        || type == typeof(DateTimeOffset)
        || type == typeof(DateOnly)
        || type == typeof(TimeOnly)
        || type == typeof(Guid)
        || type == typeof(Uri);

    private static Type? GenericInterface(Type type, Type definition) =>
        type.GetInterfaces().Prepend(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);
}
