using System.CommandLine;
using System.CommandLine.Parsing;

namespace LerarenFunctions.Cli;

/// <summary>
/// Writes parse errors in Dutch. The command's own validators already speak Dutch; the errors System.CommandLine
/// raises itself (it has no Dutch resources) are recognised by their shape and rephrased; any other error keeps the
/// library's text rather than being lost.
/// </summary>
public static class UsageErrors
{
    public static void Write(ParseResult parseResult, TextWriter error)
    {
        var unmatched = parseResult.UnmatchedTokens.ToHashSet(StringComparer.Ordinal);
        foreach (var token in parseResult.UnmatchedTokens)
        {
            error.WriteLine(token.StartsWith('-')
                ? $"Onbekende optie: {token}"
                : $"Onverwacht argument: {token}");
        }

        foreach (var parseError in parseResult.Errors)
        {
            // Already written above, in Dutch: the library reports each unmatched token on the command.
            if (parseError.SymbolResult is CommandResult
                && unmatched.Any(token => parseError.Message.Contains($"'{token}'", StringComparison.Ordinal)))
            {
                continue;
            }

            error.WriteLine(Translate(parseError));
        }

        var command = parseResult.CommandResult.Command;
        var name = command is RootCommand ? "lerarenfunctions" : $"lerarenfunctions {command.Name}";
        error.WriteLine($"Zie '{name} --help' voor het gebruik.");
    }

    private static string Translate(ParseError parseError) => parseError.SymbolResult switch
    {
        ArgumentResult { Tokens.Count: 0, Parent: OptionResult option } =>
            $"De optie {option.Option.Name} heeft een waarde nodig.",
        OptionResult { Tokens.Count: 0 } option =>
            $"De optie {option.Option.Name} heeft een waarde nodig.",
        OptionResult { Tokens.Count: > 1 } option =>
            $"De optie {option.Option.Name} mag maar één keer worden opgegeven.",
        ArgumentResult { Tokens.Count: 0 } argument =>
            $"Het argument <{argument.Argument.Name}> ontbreekt.",
        CommandResult { Command: RootCommand } =>
            "Geef een opdracht op, bijvoorbeeld: lerarenfunctions validate <bestand> --bestuur <bestuursnummer>.",
        _ => parseError.Message,
    };
}
