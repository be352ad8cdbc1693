using System.CommandLine;
using System.Globalization;
using LerarenFunctions.Core.Reminders;
using Microsoft.Extensions.DependencyInjection;

namespace LerarenFunctions.Cli.Reminders;

/// <summary>
/// <c>herinneringen proef [--datum JJJJ-MM-DD]</c>: operators see which reminders the timer would send on a day (today
/// unless given) and to whom, on the storage of <c>AzureWebJobsStorage</c> and with the settings of the environment
/// (<c>Herinneringen__*</c>, <c>Besturen__Deadlines__*</c>). Nothing is sent or recorded.
/// </summary>
public sealed class RemindersCommand
{
    private readonly Option<DateOnly?> _datum = new("--datum")
    {
        Description = "De dag waarvoor de herinneringen worden bepaald, als JJJJ-MM-DD. Standaard vandaag (Nederlandse tijd).",
        HelpName = CliArguments.DateHelpName,
        CustomParser = CliArguments.ParseDate,
    };

    public RemindersCommand()
    {
        var preview = new Command("proef", "Toont welke herinneringen er op een dag verstuurd zouden worden, en aan wie; verstuurt niets.");
        preview.Options.Add(_datum);
        preview.SetAction((parseResult, cancellationToken) => PreviewAsync(parseResult, cancellationToken));

        Command = new Command("herinneringen", "De herinneringen aan besturen.");
        Command.Subcommands.Add(preview);
    }

    public Command Command { get; }

    private Task<int> PreviewAsync(ParseResult parseResult, CancellationToken cancellationToken) =>
        CliStorage.WithServicesAsync(async services =>
        {
            var preview = await services.GetRequiredService<PreviewReminders>().HandleAsync(parseResult.GetValue(_datum), cancellationToken);
            if (preview.Herinneringen.Count == 0)
            {
                await Console.Out.WriteLineAsync($"geen herinneringen op {CliArguments.FormatDate(preview.Datum)}");
                return ExitCodes.Goedgekeurd;
            }

            foreach (var line in preview.Herinneringen)
            {
                await Console.Out.WriteLineAsync(Describe(line));
            }

            return ExitCodes.Goedgekeurd;
        });

    /// <summary>One reminder on one line: who, which rule, the how-manieth, to what address, and its subject.</summary>
    private static string Describe(ReminderPreviewLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return string.Create(CultureInfo.InvariantCulture,
            $"{line.Bestuursnummer}  {line.Naam}  {line.Regel}  nummer {line.Nummer}  escalatie {(line.Escalatie ? "ja" : "nee")}  aan {line.Aan ?? "(geen adres: wordt niet verstuurd)"}  onderwerp: {line.Onderwerp}");
    }
}
