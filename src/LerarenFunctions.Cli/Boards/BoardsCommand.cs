using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace LerarenFunctions.Cli.Boards;

/// <summary>
/// <c>besturen importeer FILE --sector vo</c>, <c>besturen contactpersoon BESTUURSNUMMER [--naam ...]</c>,
/// <c>besturen instellen BESTUURSNUMMER [--deadline ...] [--koploper ...] [--statuut ...] [--statuut-datum ...]</c> and
/// <c>besturen historie BESTUURSNUMMER</c> and <c>besturen sleutels BESTUURSNUMMER [--uitgeven | --intrekken ID]</c>:
/// operators keep the board registry and its keys, on the storage of
/// <c>AzureWebJobsStorage</c> as the hosts use it. Every change is recorded with the operator's user name.
/// </summary>
public sealed partial class BoardsCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Argument<FileInfo> _file = new("bestand") { Description = "DUO's bestand 'Adressen bevoegde gezagen' (CSV, ; of ,)." };
    private readonly Option<string> _sector = new("--sector") { Description = "De sector van het bestand: po, vo of mbo.", Required = true };
    private readonly Option<bool> _markOpgeheven = new("--opgeheven-markeren") { Description = "Markeer besturen die in geen bestand van hun sectoren meer staan als opgeheven." };
    private readonly Argument<string> _bestuursnummer = new("bestuursnummer") { Description = "Het bestuursnummer (5 cijfers)." };
    private readonly Option<string?> _naam = new("--naam") { Description = "Naam van de contactpersoon." };
    private readonly Option<string?> _functie = new("--functie") { Description = "Functie van de contactpersoon." };
    private readonly Option<string?> _email = new("--emailadres") { Description = "E-mailadres van de contactpersoon." };
    private readonly Option<string?> _telefoon = new("--telefoonnummer") { Description = "Telefoonnummer van de contactpersoon." };

    private readonly Option<DeadlineChoice?> _deadline = new("--deadline")
    {
        Description = "Een eigen deadline voor de levering, als JJJJ-MM-DD; 'geen' haalt die weg (dan geldt die van de sector).",
        HelpName = "JJJJ-MM-DD|geen",
        CustomParser = ParseDeadline,
    };

    // Text rather than a yes/no type: the parser gives such an option only true or false as its value.
    private readonly Option<string?> _koploper = new("--koploper")
    {
        Description = "Of het bestuur koploper is: ja of nee.",
        HelpName = "ja|nee",
    };

    private readonly Option<StatuutState?> _statuut = new("--statuut")
    {
        Description = "De stand van het professioneel statuut: 'niet gestart', 'in voorbereiding' of vastgesteld (vraagt --statuut-datum).",
        HelpName = "\"niet gestart\"|\"in voorbereiding\"|vastgesteld",
        CustomParser = ParseStatuut,
    };

    private readonly Option<DateOnly?> _statuutDatum = new("--statuut-datum")
    {
        Description = "Sinds wanneer het statuut die stand heeft (bij vastgesteld: de datum van vaststelling), als JJJJ-MM-DD.",
        HelpName = CliArguments.DateHelpName,
        CustomParser = CliArguments.ParseDate,
    };

    private readonly Option<bool> _issue = new("--uitgeven") { Description = "Geef het bestuur een nieuwe sleutel; die wordt alleen nu getoond." };
    private readonly Option<string?> _revoke = new("--intrekken") { Description = "Trek de sleutel met dit sleutel-id in.", HelpName = "SLEUTELID" };

    public BoardsCommand()
    {
        var import = new Command("importeer", "Werkt het register van besturen bij met DUO's open-databestand van een sector.");
        import.Arguments.Add(_file);
        import.Options.Add(_sector);
        import.Options.Add(_markOpgeheven);
        import.SetAction((parseResult, cancellationToken) => ImportAsync(parseResult, cancellationToken));

        var contact = new Command("contactpersoon", "Toont de contactpersoon van een bestuur, of legt met --naam en --emailadres een nieuwe vast (de plaatsvervanger blijft).");
        contact.Arguments.Add(_bestuursnummer);
        contact.Options.Add(_naam);
        contact.Options.Add(_functie);
        contact.Options.Add(_email);
        contact.Options.Add(_telefoon);
        contact.SetAction((parseResult, cancellationToken) => ContactPersonAsync(parseResult, cancellationToken));

        var settings = new Command("instellen", "Legt de eigen deadline, koploper en het professioneel statuut van een bestuur vast; wat niet wordt opgegeven, blijft.");
        settings.Arguments.Add(_bestuursnummer);
        settings.Options.Add(_deadline);
        settings.Options.Add(_koploper);
        _koploper.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && Koploper(result.Tokens[^1].Value) is null)
            {
                result.AddError($"Ongeldige waarde '{result.Tokens[^1].Value}' bij --koploper: ja of nee.");
            }
        });
        settings.Options.Add(_statuut);
        settings.Options.Add(_statuutDatum);
        settings.SetAction((parseResult, cancellationToken) => SettingsAsync(parseResult, cancellationToken));

        var history = new Command("historie", "Toont de wijzigingen van een bestuur, nieuwste eerst.");
        history.Arguments.Add(_bestuursnummer);
        history.SetAction((parseResult, cancellationToken) => HistoryAsync(parseResult, cancellationToken));

        var keys = new Command("sleutels", "Toont de sleutels van een bestuur (id's en datums, nooit een sleutel), geeft met --uitgeven een nieuwe uit of trekt er met --intrekken een in.");
        keys.Arguments.Add(_bestuursnummer);
        keys.Options.Add(_issue);
        keys.Options.Add(_revoke);
        keys.SetAction((parseResult, cancellationToken) => KeysAsync(parseResult, cancellationToken));

        Command = new Command("besturen", "Het register van besturen: importeren, contactpersonen, instellingen, historie, sleutels.");
        Command.Subcommands.Add(import);
        Command.Subcommands.Add(contact);
        Command.Subcommands.Add(settings);
        Command.Subcommands.Add(history);
        Command.Subcommands.Add(keys);
    }

    public Command Command { get; }

    /// <summary>Who changes something from the command line, for the history.</summary>
    private static string Caller => $"cli ({Environment.UserName})";

    private async Task<int> ImportAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var file = parseResult.GetValue(_file)!;
        if (!SectorContract.TryParse(parseResult.GetValue(_sector), out var sector))
        {
            await Console.Error.WriteLineAsync("Geef de sector van het bestand: --sector po, vo of mbo.");
            return ExitCodes.Gebruiksfout;
        }

        BoardFile boards;
        try
        {
            await using var stream = file.OpenRead();
            boards = await DuoBoardFile.ReadAsync(stream, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"Het bestand {file.Name} kan niet worden ingelezen: {ex.Message}");
            return ExitCodes.Gebruiksfout;
        }

        return await CliStorage.WithServicesAsync(async services =>
        {
            var report = await services.GetRequiredService<ImportBoards>().HandleAsync(boards, sector, parseResult.GetValue(_markOpgeheven), Caller, cancellationToken);
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{report.Toegevoegd} toegevoegd, {report.Bijgewerkt} bijgewerkt, {report.Ongewijzigd} ongewijzigd, {report.Fouten.Count} regel(s) afgekeurd."));
            if (report.Ontbrekend.Count > 0)
            {
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{report.Ontbrekend.Count} bestuur/besturen van sector {sector.ToContract()} staan niet meer in het bestand ({report.OpgehevenGemarkeerd} als opgeheven gemarkeerd): {string.Join(", ", report.Ontbrekend)}"));
            }

            foreach (var error in report.Fouten)
            {
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"regel {error.Line}: {error.Reden}"));
            }

            return report.Fouten.Count == 0 ? ExitCodes.Goedgekeurd : ExitCodes.Afgekeurd;
        });
    }

    private async Task<int> ContactPersonAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        if (!Bestuursnummer.TryParseExact(parseResult.GetValue(_bestuursnummer), out var bestuursnummer))
        {
            await Console.Error.WriteLineAsync("Een bestuursnummer bestaat uit 5 cijfers.");
            return ExitCodes.Gebruiksfout;
        }

        var input = new ContactPersonInput(parseResult.GetValue(_naam), parseResult.GetValue(_functie), parseResult.GetValue(_email), parseResult.GetValue(_telefoon));
        var show = input is { Naam: null, Functie: null, EmailAdres: null, Telefoonnummer: null };
        return await CliStorage.WithServicesAsync(async services =>
        {
            var current = await services.GetRequiredService<GetContactPerson>().HandleAsync(bestuursnummer, cancellationToken);
            if (current is null)
            {
                await Console.Error.WriteLineAsync($"Bestuur {bestuursnummer} is onbekend.");
                return ExitCodes.Afgekeurd;
            }

            if (show)
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(current, Json));
                return ExitCodes.Goedgekeurd;
            }

            var result = await services.GetRequiredService<SetContactPerson>().HandleAsync(bestuursnummer, input, current.Plaatsvervanger?.ToInput(), Caller, cancellationToken);
            switch (result.Outcome)
            {
                case ContactPersonOutcome.Saved or ContactPersonOutcome.Unchanged:
                    await Console.Out.WriteLineAsync(JsonSerializer.Serialize(result.View, Json));
                    return ExitCodes.Goedgekeurd;
                case ContactPersonOutcome.Invalid:
                    foreach (var error in result.Errors)
                    {
                        await Console.Error.WriteLineAsync($"{error.Veld}: {error.Melding}");
                    }

                    return ExitCodes.Gebruiksfout;
                case ContactPersonOutcome.BoardOpgeheven:
                    await Console.Error.WriteLineAsync($"Bestuur {bestuursnummer} is opgeheven; er wordt geen contactpersoon vastgelegd.");
                    return ExitCodes.Afgekeurd;
                default:
                    await Console.Error.WriteLineAsync($"Bestuur {bestuursnummer} is onbekend.");
                    return ExitCodes.Afgekeurd;
            }
        });
    }

    private async Task<int> HistoryAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        if (!Bestuursnummer.TryParseExact(parseResult.GetValue(_bestuursnummer), out var bestuursnummer))
        {
            await Console.Error.WriteLineAsync("Een bestuursnummer bestaat uit 5 cijfers.");
            return ExitCodes.Gebruiksfout;
        }

        return await CliStorage.WithServicesAsync(async services =>
        {
            await foreach (var change in services.GetRequiredService<GetBoardHistory>().HandleAsync(bestuursnummer, cancellationToken))
            {
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{change.At:yyyy-MM-dd HH:mm:ss}Z  {change.Onderdeel}  door {change.Door}: {change.Oud ?? "(geen)"} -> {change.Nieuw ?? "(geen)"}"));
            }

            return ExitCodes.Goedgekeurd;
        });
    }
}
