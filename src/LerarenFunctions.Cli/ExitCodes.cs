namespace LerarenFunctions.Cli;

/// <summary>The exit codes scripts and pipelines branch on; they are part of the CLI's contract.</summary>
public static class ExitCodes
{
    /// <summary>The file is accepted as a whole (<c>goedgekeurd</c>).</summary>
    public const int Goedgekeurd = 0;

    /// <summary>The file was read, but rows or the whole file were rejected (<c>gedeeltelijk</c> or <c>afgewezen</c>).</summary>
    public const int Afgekeurd = 1;

    /// <summary>The command line is wrong or the file cannot be opened: no terugmelding was made.</summary>
    public const int Gebruiksfout = 2;

    /// <summary>Stopped with Ctrl+C; 128 + SIGINT, as shells report it.</summary>
    public const int Afgebroken = 130;
}
