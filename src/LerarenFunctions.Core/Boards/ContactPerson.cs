using System.Globalization;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Boards;

/// <summary>
/// The person a board named for the data delivery (<i>contactpersoon</i>): who gets the reminders and the news about
/// its deliveries. Personal data of an employee, shown only to the board and operators.
/// </summary>
public sealed record ContactPerson(string Naam, string? Functie, EmailAddress EmailAdres, PhoneNumber? Telefoonnummer)
{
    /// <summary>Longest name or function kept: enough for any real one, short enough for an e-mail header.</summary>
    public const int MaxTextLength = 200;

    /// <summary>How the history and an operator read it: one line.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Naam}{(Functie is null ? "" : $" ({Functie})")}, {EmailAdres.Value}{(Telefoonnummer is { } phone ? $", {phone.Value}" : "")}");
}

/// <summary>A contact person as a caller gave it (JSON or the CLI): not yet checked.</summary>
public sealed record ContactPersonInput(string? Naam, string? Functie, string? EmailAdres, string? Telefoonnummer)
{
    /// <summary>
    /// The contact person, or what is wrong with the input, per field (the contract's field name with
    /// <paramref name="prefix"/>), in Dutch for the board.
    /// </summary>
    public (ContactPerson? Person, IReadOnlyList<FieldError> Errors) Check(string prefix = "")
    {
        var errors = new List<FieldError>();
        var naam = Naam?.Trim();
        var functie = string.IsNullOrWhiteSpace(Functie) ? null : Functie.Trim();
        if (string.IsNullOrEmpty(naam))
        {
            errors.Add(new(prefix + "naam", "De naam van de contactpersoon ontbreekt."));
        }
        else if (naam.Length > ContactPerson.MaxTextLength || naam.Any(char.IsControl))
        {
            errors.Add(new(prefix + "naam", $"De naam is langer dan {ContactPerson.MaxTextLength} tekens of bevat ongeldige tekens."));
        }

        if (functie is not null && (functie.Length > ContactPerson.MaxTextLength || functie.Any(char.IsControl)))
        {
            errors.Add(new(prefix + "functie", $"De functie is langer dan {ContactPerson.MaxTextLength} tekens of bevat ongeldige tekens."));
        }

        if (!EmailAddress.TryParse(EmailAdres, out var email))
        {
            errors.Add(new(prefix + "emailadres", string.IsNullOrWhiteSpace(EmailAdres)
                ? "Het e-mailadres van de contactpersoon ontbreekt."
                : "Het e-mailadres is ongeldig; gebruik de vorm naam@organisatie.nl."));
        }

        PhoneNumber? phone = null;
        if (!string.IsNullOrWhiteSpace(Telefoonnummer))
        {
            if (PhoneNumber.TryParse(Telefoonnummer, out var parsed))
            {
                phone = parsed;
            }
            else
            {
                errors.Add(new(prefix + "telefoonnummer", "Het telefoonnummer is ongeldig; gebruik 10 cijfers (bijvoorbeeld 0701234567) of een internationaal nummer met +."));
            }
        }

        return errors.Count > 0 ? (null, errors) : (new ContactPerson(naam!, functie, email, phone), errors);
    }
}

/// <summary>What is wrong with one field of a request, in Dutch.</summary>
public sealed record FieldError(string Veld, string Melding);
