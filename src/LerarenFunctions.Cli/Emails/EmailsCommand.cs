using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using LerarenFunctions.Core.Email;
using Microsoft.Extensions.DependencyInjection;

namespace LerarenFunctions.Cli.Emails;

/// <summary>
/// <c>berichten mislukt</c>: operators see the e-mails the outbox gave up on (JSON), on the storage of
/// <c>AzureWebJobsStorage</c>; the recipient by domain only.
/// </summary>
public sealed class EmailsCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public EmailsCommand()
    {
        var failed = new Command("mislukt", "Toont de e-mails die na alle pogingen niet konden worden verzonden (JSON).");
        failed.SetAction((_, cancellationToken) => CliStorage.WithServicesAsync(async services =>
        {
            var list = await services.GetRequiredService<ListFailedEmails>().HandleAsync(cancellationToken);
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(list, Json));
            return ExitCodes.Goedgekeurd;
        }));

        Command = new Command("berichten", "De uitgaande e-mails.");
        Command.Subcommands.Add(failed);
    }

    public Command Command { get; }
}
