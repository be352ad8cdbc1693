using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Cli.Validate;

/// <summary>
/// <c>validate &lt;bestand&gt; --bestuur &lt;nummer&gt;</c>: runs the service's own validator on a local file, so a board
/// sees the terugmelding before it uploads. Nothing is stored or sent anywhere.
/// </summary>
public sealed class ValidateCommand
{
    private const string DateFormat = "yyyy-MM-dd";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Argument<string> _bestand = new("bestand")
    {
        Description = "Het lerarenbestand (CSV of XLSX) dat gecontroleerd wordt.",
    };

    private readonly Option<Bestuursnummer?> _bestuur = new("--bestuur")
    {
        Description = "Het bestuursnummer (5 cijfers) waarvoor het bestand wordt aangeleverd.",
        HelpName = "bestuursnummer",
        CustomParser = ParseBestuursnummer,
    };

    // A string rather than the enum, so that help shows the default as it is typed: tekst.
    private readonly Option<string> _format = new("--format")
    {
        Description = "Uitvoer: 'tekst' (een leesbare samenvatting) of 'json' (de terugmelding zelf).",
        HelpName = "json|tekst",
        DefaultValueFactory = _ => "tekst",
    };

    private readonly Option<DateOnly?> _peildatum = new("--peildatum")
    {
        Description = "De datum waarop de regels gelden, als JJJJ-MM-DD. Standaard vandaag (Nederlandse tijd).",
        HelpName = "JJJJ-MM-DD",
        CustomParser = ParsePeildatum,
    };

    public ValidateCommand()
    {
        Command = new Command("validate", "Controleert een lerarenbestand met dezelfde regels als de dienst en toont de terugmelding.")
        {
            _bestand,
            _bestuur,
            _format,
            _peildatum,
        };
        _format.CompletionSources.Add("tekst", "json");
        _format.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (ParseFormat(text) is null)
            {
                result.AddError($"Onbekend formaat '{text}': kies 'tekst' of 'json'.");
            }
        });
        Command.Validators.Add(result =>
        {
            // Checked here rather than with Arity and Required, so that the messages are Dutch.
            if (result.GetResult(_bestand) is null)
            {
                result.AddError("Het argument <bestand> ontbreekt: geef het pad van het lerarenbestand op.");
            }

            if (result.GetResult(_bestuur) is null)
            {
                result.AddError("De optie --bestuur ontbreekt: geef het bestuursnummer op, bijvoorbeeld --bestuur 10053.");
            }
        });
        Command.SetAction(RunAsync);
    }

    /// <summary>The command to add to the root command.</summary>
    public Command Command { get; }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var path = parseResult.GetRequiredValue(_bestand);
        var bestuursnummer = parseResult.GetValue(_bestuur)!.Value;
        var format = ParseFormat(parseResult.GetValue(_format)) ?? OutputFormat.Tekst;

        await using var services = CliServices.CreateCore();
        TeacherFileValidator validator;
        try
        {
            // Read eagerly: a bad TeacherFile__* setting is a usage error, not a rejected file.
            _ = services.GetRequiredService<IOptions<TeacherFileOptions>>().Value;
            validator = services.GetRequiredService<TeacherFileValidator>();
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"Ongeldige instelling {TeacherFileOptions.SectionName}: {string.Join(" ", ex.Failures)}");
            return ExitCodes.Gebruiksfout;
        }

        // Today as the service sees it: the Dutch date, whatever the machine's own time zone.
        var peildatum = parseResult.GetValue(_peildatum) ?? AmsterdamTime.Today(services.GetRequiredService<TimeProvider>());

        Terugmelding terugmelding;
        var opened = false;
        try
        {
            await using var file = Open(path);
            opened = true;
            terugmelding = await validator.ValidateAsync(file, Path.GetFileName(path), bestuursnummer, peildatum, IgnoreRecord, cancellationToken);
        }
        catch (Exception ex) when (!opened && ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await Console.Error.WriteLineAsync(OpenFailure(path, ex));
            return ExitCodes.Gebruiksfout;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Afgebroken.");
            return ExitCodes.Afgebroken;
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"Het bestand '{path}' kon niet helemaal gelezen worden: {ex.Message}");
            return ExitCodes.Gebruiksfout;
        }

        await using (var stdout = Console.OpenStandardOutput())
        {
            if (format == OutputFormat.Json)
            {
                // Exactly the JSON the service stores and serves.
                await TerugmeldingJson.WriteAsync(stdout, terugmelding, cancellationToken);
                await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
            }
            else
            {
                await using var writer = new StreamWriter(stdout, Utf8, bufferSize: 64 * 1024, leaveOpen: true);
                await TerugmeldingText.WriteAsync(writer, terugmelding, peildatum);
            }
        }

        return terugmelding.Status == TerugmeldingStatus.Goedgekeurd ? ExitCodes.Goedgekeurd : ExitCodes.Afgekeurd;
    }

    // A pre-check stores nothing: the counts of valid rows are in the terugmelding already.
    private static ValueTask IgnoreRecord(TeacherRecord record, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    private static FileStream Open(string path)
    {
        if (Directory.Exists(path))
        {
            // On Linux a directory can be opened for reading; the failure would only come at the first read.
            throw new UnauthorizedAccessException("Dit is een map, geen bestand.");
        }

        // Streamed: the validator reads row by row, so a file of any size is never held in memory.
        return new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read,
            Options = FileOptions.SequentialScan,
            BufferSize = 64 * 1024,
        });
    }

    private static string OpenFailure(string path, Exception ex) => ex switch
    {
        FileNotFoundException or DirectoryNotFoundException => $"Het bestand '{path}' bestaat niet.",
        UnauthorizedAccessException when Directory.Exists(path) => $"'{path}' is een map, geen bestand.",
        UnauthorizedAccessException => $"Geen leesrechten op het bestand '{path}'.",
        _ => $"Het bestand '{path}' kan niet geopend worden: {ex.Message}",
    };

    // Arity already demands one value; an empty text still gets the option's own Dutch message.
    private static string SingleToken(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;

    private static Bestuursnummer? ParseBestuursnummer(ArgumentResult result)
    {
        // Exact, as the besturen commands and every route: "10053 " names another folder than 10053.
        var text = SingleToken(result);
        if (Bestuursnummer.TryParseExact(text, out var bestuursnummer))
        {
            return bestuursnummer;
        }

        result.AddError($"Ongeldig bestuursnummer '{text}'. Een bestuursnummer bestaat uit 5 cijfers.");
        return null;
    }

    private static OutputFormat? ParseFormat(string? text) => text?.ToLowerInvariant() switch
    {
        "tekst" => OutputFormat.Tekst,
        "json" => OutputFormat.Json,
        _ => null,
    };

    private static DateOnly? ParsePeildatum(ArgumentResult result)
    {
        var text = SingleToken(result);
        if (DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        result.AddError($"Ongeldige peildatum '{text}': schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2025-10-01.");
        return null;
    }
}
