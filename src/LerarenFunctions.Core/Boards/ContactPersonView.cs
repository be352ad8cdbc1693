using System.Text.Json.Serialization;

namespace LerarenFunctions.Core.Boards;

/// <summary>A board's contact persons as the contract shows them (JSON, Dutch names).</summary>
public sealed record ContactPersonsView(
    [property: JsonPropertyName("bestuursnummer")] string Bestuursnummer,
    [property: JsonPropertyName("bestuur")] string Bestuur,
    [property: JsonPropertyName("contactpersoon")] ContactPersonJson? Contactpersoon,
    [property: JsonPropertyName("plaatsvervanger")] ContactPersonJson? Plaatsvervanger,
    [property: JsonPropertyName("sinds")] DateTimeOffset? Sinds)
{
    public static ContactPersonsView Of(Board board)
    {
        ArgumentNullException.ThrowIfNull(board);
        return new(board.Bestuursnummer.Value, board.Naam, ContactPersonJson.Of(board.Contactpersoon), ContactPersonJson.Of(board.Plaatsvervanger), board.ContactpersoonSince);
    }
}

/// <summary>
/// A contact person in the contract: <c>{"naam", "functie", "emailadres", "telefoonnummer"}</c>; in a request,
/// <see cref="Plaatsvervanger"/> names the deputy (optional).
/// </summary>
public sealed record ContactPersonJson
{
    [JsonPropertyName("naam")]
    public string? Naam { get; init; }

    [JsonPropertyName("functie")]
    public string? Functie { get; init; }

    [JsonPropertyName("emailadres")]
    public string? EmailAdres { get; init; }

    [JsonPropertyName("telefoonnummer")]
    public string? Telefoonnummer { get; init; }

    /// <summary>Only in a request: the deputy. Leaving it out removes the deputy.</summary>
    [JsonPropertyName("plaatsvervanger")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ContactPersonJson? Plaatsvervanger { get; init; }

    public ContactPersonInput ToInput() => new(Naam, Functie, EmailAdres, Telefoonnummer);

    public static ContactPersonJson? Of(ContactPerson? person) => person is null ? null : new()
    {
        Naam = person.Naam,
        Functie = person.Functie,
        EmailAdres = person.EmailAdres.Value,
        Telefoonnummer = person.Telefoonnummer?.Value,
    };
}
