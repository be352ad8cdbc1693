using System.CommandLine.Parsing;
using System.Globalization;

namespace LerarenFunctions.Cli;

/// <summary>Values on the command line as the contract writes them: dates as JJJJ-MM-DD.</summary>
internal static class CliArguments
{
    public const string DateHelpName = "JJJJ-MM-DD";

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An option's date; a parse error in Dutch that names the option when it is not one.</summary>
    public static DateOnly? ParseDate(ArgumentResult result)
    {
        var text = Token(result);
        if (TryParseDate(text, out var date))
        {
            return date;
        }

        result.AddError($"Ongeldige datum '{text}' bij {OptionName(result)}: schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-09-01.");
        return null;
    }

    /// <summary>The option's value as typed (the last, when given more than once: that is reported on its own).</summary>
    public static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;

    public static string OptionName(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
