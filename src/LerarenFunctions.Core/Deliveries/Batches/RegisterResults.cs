using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>The register's answer for one record.</summary>
public enum RecordOutcome
{
    Geregistreerd,
    Afgewezen,
    Mislukt,
}

/// <summary>The register's answer for the record on <paramref name="Row"/>.</summary>
public sealed record RecordResult(int Row, RecordOutcome Outcome, string? RegistrationId, string? Reason);

/// <summary>The register's answers as the terugmelding shows them, per row of a batch.</summary>
public static class RegisterResults
{
    public static string ToContract(this RecordOutcome outcome) => outcome.ToString().ToLowerInvariant();

    /// <summary>
    /// The register's <paramref name="results"/> with the board's own row references of <paramref name="records"/>,
    /// masked as in the meldingen: boards often use a BSN as their row reference.
    /// </summary>
    public static IReadOnlyList<RegisterResultaat> For(IReadOnlyList<TeacherRecord> records, IReadOnlyList<RecordResult> results)
    {
        var references = records.ToDictionary(r => r.Row, r => r.RowReference);
        return [.. results.Select(r => new RegisterResultaat(r.Row, Reference(references.GetValueOrDefault(r.Row)), r.Outcome.ToContract(), r.RegistrationId, r.Reason))];
    }

    /// <summary>Every row of a batch that was given up, with the reason code.</summary>
    public static IReadOnlyList<RegisterResultaat> Failed(IReadOnlyList<TeacherRecord> records, string reason) =>
        [.. records.Select(r => new RegisterResultaat(r.Row, Reference(r.RowReference), RecordOutcome.Mislukt.ToContract(), null, reason))];

    private static string? Reference(string? rowReference) => PersonalData.MaskDigitRunsOrNull(rowReference);
}
