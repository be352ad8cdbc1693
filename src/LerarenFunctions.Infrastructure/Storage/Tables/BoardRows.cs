using System.Globalization;
using Azure.Data.Tables;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Infrastructure.Storage.Tables;

/// <summary>A board as a table row and back: one property per field, a contact person as prefixed properties.</summary>
internal static class BoardRows
{
    private const string DateFormat = "yyyy-MM-dd";

    public static TableEntity ToEntity(Board board, TableEntity entity)
    {
        entity["Bestuursnummer"] = board.Bestuursnummer.Value;
        entity["Naam"] = board.Naam;
        entity["Plaatsnaam"] = board.Plaatsnaam;
        entity["EmailAdres"] = board.EmailAdres?.Value;
        entity["Telefoonnummer"] = board.Telefoonnummer?.Value;
        entity["Sectoren"] = string.Join(',', board.Sectors.Select(s => s.ToContract()));
        entity["Status"] = board.Status.ToContract();
        entity["Ontbreekt"] = string.Join(',', board.MissingFrom.Select(s => s.ToContract()));
        entity["Deadline"] = Date(board.DeadlineOverride);
        entity["Koploper"] = board.Koploper;
        entity["Statuut"] = board.Statuut.ToContract();
        entity["StatuutDatum"] = Date(board.StatuutDatum);
        entity["GeimporteerdOp"] = board.ImportedAt;
        entity["GewijzigdOp"] = board.ChangedAt;
        entity["ContactpersoonSinds"] = board.ContactpersoonSince;
        Write(entity, "Contactpersoon", board.Contactpersoon);
        Write(entity, "Plaatsvervanger", board.Plaatsvervanger);
        return entity;
    }

    public static Board ToBoard(TableEntity e) => new()
    {
        Bestuursnummer = Bestuursnummer.Parse(e.GetString("Bestuursnummer")),
        Naam = e.GetString("Naam") ?? "",
        Plaatsnaam = e.GetString("Plaatsnaam"),
        EmailAdres = EmailAddress.TryParse(e.GetString("EmailAdres"), out var email) ? email : null,
        Telefoonnummer = PhoneNumber.TryParse(e.GetString("Telefoonnummer"), out var phone) ? phone : null,
        Sectors = Sectors(e.GetString("Sectoren")),
        Status = BoardContract.ParseStatus(e.GetString("Status")),
        MissingFrom = Sectors(e.GetString("Ontbreekt")),
        DeadlineOverride = Date(e.GetString("Deadline")),
        Koploper = e.GetBoolean("Koploper") ?? false,
        Statuut = BoardContract.ParseStatuut(e.GetString("Statuut")),
        StatuutDatum = Date(e.GetString("StatuutDatum")),
        ImportedAt = e.GetDateTimeOffset("GeimporteerdOp") ?? DateTimeOffset.UnixEpoch,
        ChangedAt = e.GetDateTimeOffset("GewijzigdOp") ?? DateTimeOffset.UnixEpoch,
        ContactpersoonSince = e.GetDateTimeOffset("ContactpersoonSinds"),
        Contactpersoon = Read(e, "Contactpersoon"),
        Plaatsvervanger = Read(e, "Plaatsvervanger"),
    };

    private static void Write(TableEntity entity, string prefix, ContactPerson? person)
    {
        entity[prefix + "Naam"] = person?.Naam;
        entity[prefix + "Functie"] = person?.Functie;
        entity[prefix + "EmailAdres"] = person?.EmailAdres.Value;
        entity[prefix + "Telefoonnummer"] = person?.Telefoonnummer?.Value;
    }

    private static ContactPerson? Read(TableEntity e, string prefix) =>
        e.GetString(prefix + "Naam") is { } naam && EmailAddress.TryParse(e.GetString(prefix + "EmailAdres"), out var email)
            ? new ContactPerson(naam, e.GetString(prefix + "Functie"), email, PhoneNumber.TryParse(e.GetString(prefix + "Telefoonnummer"), out var phone) ? phone : null)
            : null;

    private static List<Sector> Sectors(string? text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => SectorContract.TryParse(s, out var sector) ? sector : (Sector?)null).OfType<Sector>()];

    private static string? Date(DateOnly? date) => date?.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
