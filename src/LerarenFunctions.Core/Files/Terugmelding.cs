using System.Text.Json.Serialization;

namespace LerarenFunctions.Core.Files;

/// <summary>
/// The return report (<i>terugmelding</i>) of one delivery. Property names are the Dutch JSON contract.
/// It never holds a whole BSN: <see cref="Melding.Waarde"/> of a BSN field is masked.
/// </summary>
public sealed record Terugmelding
{
    /// <summary>The delivery this report is of; absent for a pre-check or a file that is no delivery.</summary>
    [JsonPropertyName("aanleveringId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AanleveringId { get; init; }

    [JsonPropertyName("bestand")]
    public required string Bestand { get; init; }

    [JsonPropertyName("bestuursnummer")]
    public required string Bestuursnummer { get; init; }

    /// <summary><c>goedgekeurd</c>, <c>gedeeltelijk</c> or <c>afgewezen</c>.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("aantalRegels")]
    public int AantalRegels { get; init; }

    [JsonPropertyName("aantalGoedgekeurd")]
    public int AantalGoedgekeurd { get; init; }

    [JsonPropertyName("aantalAfgekeurd")]
    public int AantalAfgekeurd { get; init; }

    [JsonPropertyName("meldingen")]
    public IReadOnlyList<Melding> Meldingen { get; init; } = [];

    /// <summary>
    /// The register's answer per forwarded row, added when forwarding is done (absent before, and for trials).
    /// </summary>
    [JsonPropertyName("registerResultaten")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<RegisterResultaat>? RegisterResultaten { get; init; }
}

/// <summary>What the register did with one row: <c>geregistreerd</c>, <c>afgewezen</c> (with a reason) or <c>mislukt</c>.</summary>
public sealed record RegisterResultaat(
    [property: JsonPropertyName("regel")] int Regel,
    [property: JsonPropertyName("regelId")] string? RegelId,
    [property: JsonPropertyName("resultaat")] string Resultaat,
    [property: JsonPropertyName("registratieId")] string? RegistratieId,
    [property: JsonPropertyName("reden")] string? Reden);

/// <summary>One finding in a terugmelding. <see cref="Regel"/> is null for a finding about the whole file.</summary>
public sealed record Melding(
    [property: JsonPropertyName("regel")] int? Regel,
    [property: JsonPropertyName("regelId")] string? RegelId,
    [property: JsonPropertyName("veld")] string? Veld,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("ernst")] string Ernst,
    [property: JsonPropertyName("melding")] string Tekst,
    [property: JsonPropertyName("waarde")] string? Waarde);

public static class TerugmeldingStatus
{
    public const string Goedgekeurd = "goedgekeurd";
    public const string Gedeeltelijk = "gedeeltelijk";
    public const string Afgewezen = "afgewezen";
}

public static class Ernst
{
    public const string Fout = "fout";
    public const string Waarschuwing = "waarschuwing";
}
