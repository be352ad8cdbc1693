using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using LerarenFunctions.Core.Deliveries;

namespace LerarenFunctions.Cli.DeadLetters;

/// <summary>
/// <c>dodeletters lijst</c> and <c>dodeletters opnieuw (&lt;aanleveringId&gt; &lt;batch&gt; | --alle)</c>: operators list the
/// batches that were given up and offer them to the register again once the cause is fixed. The storage account comes
/// from <c>AzureWebJobsStorage</c>, as for the hosts. A replay is idempotent, so a run that names a batch it could not
/// replay now (exit 1) can simply be run again; <c>--alle</c> goes on past such a batch.
/// </summary>
public sealed class DeadLettersCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly Argument<string?> _aanlevering = new("aanleveringId") { Arity = ArgumentArity.ZeroOrOne, Description = "De aanlevering van de batch." };
    private readonly Argument<int?> _batch = new("batch") { Arity = ArgumentArity.ZeroOrOne, Description = "Het batchnummer." };
    private readonly Option<bool> _alle = new("--alle") { Description = "Alle dode letters opnieuw aanbieden." };

    public DeadLettersCommand()
    {
        var list = new Command("lijst", "Toont de batches die zijn opgegeven (JSON).");
        list.SetAction((_, cancellationToken) => ListAsync(cancellationToken));

        var replay = new Command("opnieuw", "Biedt een opgegeven batch (of met --alle: alle) opnieuw aan het register aan.");
        replay.Arguments.Add(_aanlevering);
        replay.Arguments.Add(_batch);
        replay.Options.Add(_alle);
        replay.SetAction((parseResult, cancellationToken) => ReplayAsync(parseResult, cancellationToken));

        Command = new Command("dodeletters", "Beheer van dode letters: batches die het register niet konden bereiken of die het weigerde.");
        Command.Subcommands.Add(list);
        Command.Subcommands.Add(replay);
    }

    public Command Command { get; }

    private static async Task<int> ListAsync(CancellationToken cancellationToken) =>
        await CliStorage.WithServicesAsync(async services =>
        {
            var letters = await services.GetRequiredService<ListDeadLetters>().HandleAsync(cancellationToken);
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(letters, Json));
            return ExitCodes.Goedgekeurd;
        });

    private async Task<int> ReplayAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var all = parseResult.GetValue(_alle);
        var deliveryId = parseResult.GetValue(_aanlevering);
        var batch = parseResult.GetValue(_batch);
        if (all == (deliveryId is not null || batch is not null) || (!all && (deliveryId is null || batch is null)))
        {
            await Console.Error.WriteLineAsync("Geef een aanleveringId en een batchnummer, of --alle.");
            return ExitCodes.Gebruiksfout;
        }

        return await CliStorage.WithServicesAsync(async services =>
        {
            var replay = services.GetRequiredService<ReplayDeadLetter>();
            if (all)
            {
                return await ReplayAllAsync(replay, cancellationToken);
            }

            switch (await replay.HandleAsync(deliveryId!, batch!.Value, cancellationToken))
            {
                case ReplayOutcome.Queued:
                    await Console.Out.WriteLineAsync($"Batch {batch} van aanlevering {deliveryId} is opnieuw aangeboden.");
                    return ExitCodes.Goedgekeurd;
                case ReplayOutcome.RowsRemoved:
                    await Console.Error.WriteLineAsync(RowsRemoved(deliveryId!, batch.Value));
                    return ExitCodes.Afgekeurd;
                case ReplayOutcome.Conflict:
                    await Console.Error.WriteLineAsync(Conflict(deliveryId!, batch.Value));
                    return ExitCodes.Afgekeurd;
                default:
                    await Console.Error.WriteLineAsync($"Batch {batch} van aanlevering {deliveryId} is geen dode letter (onbekend of al afgerond).");
                    return ExitCodes.Afgekeurd;
            }
        });
    }

    /// <summary>
    /// Every dead letter in turn; names each one it could not replay. Only a batch that can be replayed later fails the
    /// run (exit 1, for a script to run it again): one whose rows are gone never can, and is reported without failing.
    /// </summary>
    private static async Task<int> ReplayAllAsync(ReplayDeadLetter replay, CancellationToken cancellationToken)
    {
        var replays = await replay.ReplayAllAsync(cancellationToken);
        foreach (var (letter, outcome) in replays)
        {
            switch (outcome)
            {
                case ReplayOutcome.RowsRemoved:
                    await Console.Out.WriteLineAsync(RowsRemoved(letter.DeliveryId, letter.Batch));
                    break;
                case ReplayOutcome.Conflict:
                    await Console.Error.WriteLineAsync(Conflict(letter.DeliveryId, letter.Batch));
                    break;
            }
        }

        await Console.Out.WriteLineAsync($"{replays.Count(r => r.Outcome == ReplayOutcome.Queued)} batch(es) opnieuw aangeboden.");
        return replays.Any(r => r.Outcome == ReplayOutcome.Conflict) ? ExitCodes.Afgekeurd : ExitCodes.Goedgekeurd;
    }

    private static string RowsRemoved(string deliveryId, int batch) =>
        $"Batch {batch} van aanlevering {deliveryId} kan niet opnieuw worden aangeboden: de bewaartermijn van de regels is verstreken.";

    private static string Conflict(string deliveryId, int batch) =>
        $"Batch {batch} van aanlevering {deliveryId} is nu niet opnieuw aangeboden. {ReplayDeadLetter.ConflictMessage}";
}
