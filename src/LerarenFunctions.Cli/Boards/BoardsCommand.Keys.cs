using System.CommandLine;
using System.Text.Json;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace LerarenFunctions.Cli.Boards;

// besturen sleutels: issue, list and revoke a board's keys.
public sealed partial class BoardsCommand
{
    private async Task<int> KeysAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        if (!Bestuursnummer.TryParseExact(parseResult.GetValue(_bestuursnummer), out var bestuursnummer))
        {
            await Console.Error.WriteLineAsync("Een bestuursnummer bestaat uit 5 cijfers.");
            return ExitCodes.Gebruiksfout;
        }

        var (issue, revoke) = (parseResult.GetValue(_issue), parseResult.GetValue(_revoke));
        if (issue && revoke is not null)
        {
            await Console.Error.WriteLineAsync("Geef --uitgeven of --intrekken, niet allebei.");
            return ExitCodes.Gebruiksfout;
        }

        return await CliStorage.WithServicesAsync(async services =>
        {
            if (issue)
            {
                var result = await services.GetRequiredService<IssueBoardKey>().HandleAsync(bestuursnummer, cancellationToken);
                switch (result.Outcome)
                {
                    case IssueBoardKeyOutcome.Issued:
                        await Console.Out.WriteLineAsync(JsonSerializer.Serialize(result.Key, Json));
                        await Console.Error.WriteLineAsync("Bewaar de sleutel nu: hij wordt niet opgeslagen en niet nog eens getoond.");
                        return ExitCodes.Goedgekeurd;
                    case IssueBoardKeyOutcome.BoardOpgeheven:
                        await Console.Error.WriteLineAsync($"Bestuur {bestuursnummer} is opgeheven; er wordt geen sleutel uitgegeven.");
                        return ExitCodes.Afgekeurd;
                    default:
                        await Console.Error.WriteLineAsync($"Bestuur {bestuursnummer} is onbekend.");
                        return ExitCodes.Afgekeurd;
                }
            }

            if (revoke is not null)
            {
                switch (await services.GetRequiredService<RevokeBoardKey>().HandleAsync(bestuursnummer, revoke, cancellationToken))
                {
                    case RevokeBoardKeyOutcome.Revoked:
                        await Console.Out.WriteLineAsync($"ingetrokken: sleutel {revoke} van bestuur {bestuursnummer}");
                        return ExitCodes.Goedgekeurd;
                    case RevokeBoardKeyOutcome.AlreadyRevoked:
                        await Console.Out.WriteLineAsync($"al ingetrokken: sleutel {revoke} van bestuur {bestuursnummer}");
                        return ExitCodes.Goedgekeurd;
                    default:
                        await Console.Error.WriteLineAsync($"Bestuur {bestuursnummer} heeft geen sleutel {revoke}.");
                        return ExitCodes.Afgekeurd;
                }
            }

            if (await services.GetRequiredService<ListBoardKeys>().HandleAsync(bestuursnummer, cancellationToken) is not { } keys)
            {
                await Console.Error.WriteLineAsync($"Bestuur {bestuursnummer} is onbekend.");
                return ExitCodes.Afgekeurd;
            }

            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(keys, Json));
            return ExitCodes.Goedgekeurd;
        });
    }
}
