using System.CommandLine;
using System.CommandLine.Invocation;
using LerarenFunctions.Cli.Boards;
using LerarenFunctions.Cli.DeadLetters;
using LerarenFunctions.Cli.Emails;
using LerarenFunctions.Cli.Reminders;
using LerarenFunctions.Cli.Validate;

namespace LerarenFunctions.Cli;

/// <summary>The <c>lerarenfunctions</c> command line: one subcommand per task.</summary>
public static class CliApplication
{
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("Hulpmiddelen bij LerarenFunctions.");
        root.Subcommands.Add(new ValidateCommand().Command);
        root.Subcommands.Add(new DeadLettersCommand().Command);
        root.Subcommands.Add(new BoardsCommand().Command);
        root.Subcommands.Add(new EmailsCommand().Command);
        root.Subcommands.Add(new RemindersCommand().Command);
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parseResult = CreateRootCommand().Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            // The library's own error action exits with 1, which this CLI reserves for a rejected file.
            UsageErrors.Write(parseResult, Console.Error);
            return ExitCodes.Gebruiksfout;
        }

        return await parseResult.InvokeAsync();
    }
}
