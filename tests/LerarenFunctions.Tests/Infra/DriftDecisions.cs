using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Reminders;
using LerarenFunctions.Infrastructure.Access;
using LerarenFunctions.Infrastructure.Register;

namespace LerarenFunctions.Tests.Infra;

/// <summary>
/// What was decided about app settings, each with why: the drift check fails on anything not decided here, so a new
/// option property fails it until someone chooses between a template parameter and the code's default.
/// </summary>
internal static class DriftDecisions
{
    /// <summary>Settings main.bicep sets that no options class reads: the Functions host or the platform reads them.</summary>
    public static IReadOnlyDictionary<string, string> PlatformSettings { get; } = Reasons(
        ("the Functions host's major version: the platform starts that host", ["FUNCTIONS_EXTENSION_VERSION"]),
        ("the host starts the .NET isolated worker", ["FUNCTIONS_WORKER_RUNTIME"]),
        ("the platform mounts the code package at this blob URL (a rollback points it at an older one)", ["WEBSITE_RUN_FROM_PACKAGE"]),
        ("the identity the platform fetches that package with: no SAS, no key", ["WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID"]),
        ("where the host sends logs and telemetry", ["APPLICATIONINSIGHTS_CONNECTION_STRING"]),
        ("the host signs telemetry as the identity: Application Insights takes nothing else (local auth off)", ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]),
        (
            "the host's own storage and the blob and queue triggers, by identity (StorageOptions reads the same names)",
            [
                "AzureWebJobsStorage__blobServiceUri",
                "AzureWebJobsStorage__queueServiceUri",
                "AzureWebJobsStorage__tableServiceUri",
                "AzureWebJobsStorage__credential",
                "AzureWebJobsStorage__clientId",
            ]));

    /// <summary>Settings the code reads that main.bicep leaves to the code's default: right in every environment.</summary>
    public static IReadOnlyDictionary<string, string> LeftToCodeDefaults { get; } = Reasons(
        ("a connection string is for Azurite; in Azure the identity-based settings replace it, and StorageOptions refuses both", ["AzureWebJobsStorage"]),
        ("an alternative to the three service URIs, which the template sets (they also work outside the public cloud)", ["AzureWebJobsStorage__accountName"]),
        ("the register client's first retry delay: a property of the client, not of an environment", ["Register__RetryDelay"]),
        (
            "the forwarding retry policy (attempts, back-off, stall check) is the same everywhere; the register's answers decide, not the environment",
            ["Forwarding__MaxAttempts", "Forwarding__RetryBaseDelay", "Forwarding__RetryMaxDelay", "Forwarding__StallAfter"]),
        (
            "intake takeover and the missed-upload timer are tuned to the blob trigger, not to an environment",
            ["Intake__MissedUploadGrace", "Intake__MissedUploadLookback", "Intake__StallAfter", "Intake__MaxAttempts"]),
        (
            "limits of the file contract with the boards: the same in every environment and in the pre-check CLI",
            ["TeacherFile__MaxRows", "TeacherFile__MaxFileBytes", "TeacherFile__MaxFieldLength", "TeacherFile__MaxMeldingen", "TeacherFile__Benoemingsgrondslagen"]),
        ("memory bounds of the file readers (zip bombs, unclosed quotes): properties of the code", ["TeacherFile__MaxXlsxUnpackedBytes", "TeacherFile__MaxRecordBytes"]),
        (
            "the outbox's retry policy and lease are tuned to the SMTP client's timeout, the same everywhere",
            ["Outbox__MaxAttempts", "Outbox__RetryBaseDelay", "Outbox__RetryMaxDelay", "Outbox__Lease", "Outbox__PickUpAfter"]),
        ("StartTls, which the relay takes on 587; None is refused for any host but this machine", ["Email__Security"]),
        ("the sender's display name and the send timeout are the same in every environment", ["Email__FromName", "Email__Timeout"]),
        ("the support block's fixed texts (the helpdesk's name, the sector councils) are the same in every environment", ["Ondersteuning__Helpdesk", "Ondersteuning__Sectorraad"]),
        ("escalations go to Ondersteuning__Email when empty, which the template sets", ["Herinneringen__GeenContactpersoon__Escalatieadres"]),
        (
            "the reminder rules are the register's policy, the same in every environment",
            [
                "Herinneringen__GeenContactpersoon__Aan", "Herinneringen__GeenContactpersoon__NaDagen",
                "Herinneringen__GeenContactpersoon__HerhaalDagen", "Herinneringen__GeenContactpersoon__Maximaal",
                "Herinneringen__GeenLevering__Aan", "Herinneringen__GeenLevering__DagenVoor",
                "Herinneringen__GeenLevering__DagenNa", "Herinneringen__GeenLevering__Periode",
                "Herinneringen__OpenFouten__Aan", "Herinneringen__OpenFouten__NaDagen",
                "Herinneringen__OpenFouten__HerhaalDagen", "Herinneringen__OpenFouten__Maximaal",
                "Herinneringen__Statuut__HerhaalDagen", "Herinneringen__Statuut__Maximaal",
            ]),
        (
            "the statuut rule stays off until policy sets its date; switching it on is one decision for all environments",
            ["Herinneringen__Statuut__Aan", "Herinneringen__Statuut__Datum"]),
        (
            "when /api/health calls the app degraded (queue depths, poison messages, dead letters): the same signal everywhere",
            ["Health__MaxForwardingMessages", "Health__MaxEmailMessages", "Health__MaxPoisonMessages", "Health__MaxDeadLetters"]),
        ("console telemetry is for a developer without a trace viewer, never in Azure (the host reads the output as logs)", ["Telemetry__Console"]));

    /// <summary>Settings whose template default differs from the code's on purpose: the template's default, and why.</summary>
    public static IReadOnlyDictionary<string, (string TemplateDefault, string Why)> DeliberateDefaults { get; } =
        new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase)
        {
            ["Email__Port"] = ("587", "the relay takes submission with STARTTLS on 587; the code's 25 is the generic SMTP port"),
            ["Email__Host"] = ("smtp.azurecomm.net", "the code has no default host (it is required); in Azure it is the Communication Services SMTP relay"),
        };

    /// <summary>Secrets: set only as Key Vault references, never as values.</summary>
    public static IReadOnlyList<string> KeyVaultSettings { get; } = ["Beheer__Sleutel", "Email__Password"];

    /// <summary>The keys a dictionary option is read by: the sectors of <c>Besturen:Deadlines</c>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> DictionaryKeys { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            [$"{BoardOptions.SectionName}__Deadlines"] = [.. Enum.GetValues<Sector>().Select(s => s.ToContract())],
        };

    public static DriftRules Rules { get; } = new(PlatformSettings, LeftToCodeDefaults, DeliberateDefaults, KeyVaultSettings);

    /// <summary>
    /// The app's options classes: those of Core and Infrastructure. The LocalHost's (Azurite, smtp4dev), the register
    /// simulator's and the CLI's live in their own assemblies and never run in Azure.
    /// </summary>
    public static IReadOnlyList<Type> AppOptionTypes { get; } =
        CodeSettings.OptionTypes(typeof(ReminderOptions).Assembly, typeof(RegisterOptions).Assembly);

    /// <summary>The settings the app reads, its triggers' and the operator key included.</summary>
    public static IReadOnlyList<CodeSetting> AppSettings(ICollection<string> problems, params Type[] extraOptionTypes)
    {
        var settings = CodeSettings.Read(AppOptionTypes.Concat(extraOptionTypes), DictionaryKeys, TriggerSettings.Read(), problems);

        // The operator key is read outside Development whatever OperatorOptions looks like: it must always be checked.
        const string OperatorKey = $"{OperatorOptions.SectionName}__{nameof(OperatorOptions.Sleutel)}";
        return settings.Any(s => string.Equals(s.Name, OperatorKey, StringComparison.OrdinalIgnoreCase))
            ? settings
            : [.. settings, new CodeSetting(OperatorKey, "the operator key (AddOperatorKey)", typeof(string), null)];
    }

    private static Dictionary<string, string> Reasons(params (string Why, string[] Names)[] groups) =>
        groups.SelectMany(g => g.Names.Select(n => (Name: n, g.Why))).ToDictionary(e => e.Name, e => e.Why, StringComparer.OrdinalIgnoreCase);
}
