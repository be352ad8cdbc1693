namespace LerarenFunctions.Infrastructure.Health;

/// <summary>
/// The descriptions the checks give, in Dutch, fixed: the operator's health answer shows only these, never the text of
/// an exception or a timeout (which can name a host, an account or a connection).
/// </summary>
public static class HealthTexts
{
    public const string StorageAnswers = "De opslag antwoordt.";
    public const string StorageDoesNotAnswer = "De opslag antwoordt niet.";
    public const string RegisterAnswers = "Het register antwoordt.";
    public const string RegisterDoesNotAnswer = "Het register antwoordt niet; de batches wachten in de wachtrij en worden later opnieuw aangeboden.";
    public const string QueuesFine = "De wachtrijen zijn binnen de drempels.";
    public const string QueuesOverThreshold = "Er wachten meer berichten dan de drempel (Health:*).";
    public const string QueuesUnreadable = "De wachtrijen zijn niet te lezen.";
    public const string DeadLettersFine = "Geen dode letters boven de drempel.";
    public const string DeadLettersWaiting = "Er wachten dode letters op een beheerder (GET /api/beheer/dodeletters).";
    public const string DeadLettersUnreadable = "De dode letters zijn niet te tellen.";

    /// <summary>What a check said that is not one of these (a timeout, an exception) is shown as this.</summary>
    public const string CheckFailed = "De controle liep niet goed af.";

    public static IReadOnlySet<string> Known { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        StorageAnswers, StorageDoesNotAnswer, RegisterAnswers, RegisterDoesNotAnswer, QueuesFine, QueuesOverThreshold,
        QueuesUnreadable, DeadLettersFine, DeadLettersWaiting, DeadLettersUnreadable,
    };
}
