namespace LerarenFunctions.Cli.Validate;

/// <summary>How <c>validate</c> prints the terugmelding.</summary>
public enum OutputFormat
{
    /// <summary>A readable Dutch summary for people.</summary>
    Tekst,

    /// <summary>The terugmelding's JSON contract, for scripts.</summary>
    Json,
}
