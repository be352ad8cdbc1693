using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using LerarenFunctions.Core.Reminders;

namespace LerarenFunctions.Infrastructure.Storage.Tables;

/// <summary>
/// The summary of a reminder run as a table row and back: the counts as properties, the counts per rule and the
/// deadlines as small JSON texts (a rule's name is no property name, and the list is short).
/// </summary>
internal static class ReminderRunRows
{
    private const string DateFormat = "yyyy-MM-dd";

    public static TableEntity ToEntity(ReminderRunSummary run, TableEntity entity)
    {
        entity["Datum"] = Text(run.Date);
        entity["Op"] = run.At;
        entity["Verschuldigd"] = run.Due;
        entity["Verstuurd"] = run.Queued;
        entity["EerderVerstuurd"] = run.QueuedBefore;
        entity["ZonderAdres"] = run.WithoutAddress;
        entity["Mislukt"] = run.Failed;
        entity["PerRegel"] = JsonSerializer.Serialize(run.DuePerRule.ToDictionary(e => e.Key.ToContract(), e => e.Value));
        entity["Deadlines"] = JsonSerializer.Serialize(run.Deadlines.Select(d => new DeadlineRow(Text(d.Deadline), d.Boards, d.Delivered)));
        return entity;
    }

    public static ReminderRunSummary ToSummary(TableEntity e)
    {
        var perRule = JsonSerializer.Deserialize<Dictionary<string, int>>(e.GetString("PerRegel") ?? "{}") ?? [];
        var deadlines = JsonSerializer.Deserialize<List<DeadlineRow>>(e.GetString("Deadlines") ?? "[]") ?? [];
        return new ReminderRunSummary(
            Date(e.GetString("Datum")),
            e.GetDateTimeOffset("Op") ?? DateTimeOffset.UnixEpoch,
            e.GetInt32("Verschuldigd") ?? 0,
            e.GetInt32("Verstuurd") ?? 0,
            e.GetInt32("EerderVerstuurd") ?? 0,
            e.GetInt32("ZonderAdres") ?? 0,
            e.GetInt32("Mislukt") ?? 0,
            ReminderRules.All.ToDictionary(rule => rule, rule => perRule.GetValueOrDefault(rule.ToContract())),
            [.. deadlines.Select(d => new DeadlineStanding(Date(d.Datum), d.Besturen, d.Geleverd))]);
    }

    private static string Text(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static DateOnly Date(string? text) => DateOnly.ParseExact(text ?? "", DateFormat, CultureInfo.InvariantCulture);

    private sealed record DeadlineRow(
        [property: JsonPropertyName("datum")] string Datum,
        [property: JsonPropertyName("besturen")] int Besturen,
        [property: JsonPropertyName("geleverd")] int Geleverd);
}
