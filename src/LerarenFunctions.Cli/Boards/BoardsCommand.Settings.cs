using System.CommandLine;
using System.CommandLine.Parsing;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace LerarenFunctions.Cli.Boards;

// besturen instellen: a board's own deadline, koploper and statuut.
public sealed partial class BoardsCommand
{
    private async Task<int> SettingsAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        if (!Bestuursnummer.TryParseExact(parseResult.GetValue(_bestuursnummer), out var bestuursnummer))
        {
            await Console.Error.WriteLineAsync("Een bestuursnummer bestaat uit 5 cijfers.");
            return ExitCodes.Gebruiksfout;
        }

        var deadline = parseResult.GetValue(_deadline);
        var input = new BoardSettingsInput(
            Deadline: deadline?.Date,
            ClearDeadline: deadline is { Date: null },
            Koploper: Koploper(parseResult.GetValue(_koploper)),
            Statuut: parseResult.GetValue(_statuut),
            StatuutDatum: parseResult.GetValue(_statuutDatum));
        if (input == new BoardSettingsInput())
        {
            await Console.Error.WriteLineAsync("Geef ten minste één van --deadline, --koploper, --statuut en --statuut-datum.");
            return ExitCodes.Gebruiksfout;
        }

        return await CliStorage.WithServicesAsync(async services =>
        {
            var result = await services.GetRequiredService<SetBoardSettings>().HandleAsync(bestuursnummer, input, Caller, cancellationToken);
            switch (result.Outcome)
            {
                case BoardSettingsOutcome.Saved:
                    await Console.Out.WriteLineAsync($"opgeslagen: {result.Settings!.Describe()}");
                    return ExitCodes.Goedgekeurd;
                case BoardSettingsOutcome.Unchanged:
                    await Console.Out.WriteLineAsync($"ongewijzigd: {result.Settings!.Describe()}");
                    return ExitCodes.Goedgekeurd;
                case BoardSettingsOutcome.Invalid:
                    await Console.Error.WriteLineAsync($"Niet opgeslagen: {result.Error}");
                    return ExitCodes.Gebruiksfout;
                default:
                    await Console.Error.WriteLineAsync($"Bestuur {bestuursnummer} is onbekend.");
                    return ExitCodes.Afgekeurd;
            }
        });
    }

    private static DeadlineChoice? ParseDeadline(ArgumentResult result)
    {
        var text = CliArguments.Token(result);
        if (text == "geen")
        {
            return new DeadlineChoice(null);
        }

        if (CliArguments.TryParseDate(text, out var date))
        {
            return new DeadlineChoice(date);
        }

        result.AddError($"Ongeldige deadline '{text}': schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2027-08-01, of 'geen' om de eigen deadline weg te halen.");
        return null;
    }

    private static bool? Koploper(string? text) => text switch
    {
        "ja" => true,
        "nee" => false,
        _ => null,
    };

    private static StatuutState? ParseStatuut(ArgumentResult result)
    {
        var text = CliArguments.Token(result);
        if (Enum.GetValues<StatuutState>().Where(s => s.ToContract() == text).Cast<StatuutState?>().FirstOrDefault() is { } state)
        {
            return state;
        }

        result.AddError($"Ongeldig statuut '{text}': 'niet gestart', 'in voorbereiding' of vastgesteld.");
        return null;
    }

    /// <summary>A deadline of its own (<see cref="Date"/>), or none: the sector's applies again.</summary>
    private sealed record DeadlineChoice(DateOnly? Date);
}
