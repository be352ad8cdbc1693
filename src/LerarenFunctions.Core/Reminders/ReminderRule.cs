namespace LerarenFunctions.Core.Reminders;

/// <summary>Why a board is reminded. Each rule has its own settings and its own count per board.</summary>
public enum ReminderRule
{
    /// <summary>No contact person some days after the board was imported: weekly, then one escalation to the helpdesk.</summary>
    NoContactPerson,

    /// <summary>No delivery before the board's deadline: some days before it, and once after.</summary>
    NoDelivery,

    /// <summary>A terugmelding with errors not followed by a newer delivery.</summary>
    OpenErrors,

    /// <summary>The professioneel statuut not <c>vastgesteld</c> by a date of the settings.</summary>
    Statuut,
}

public static class ReminderRules
{
    public static IReadOnlyList<ReminderRule> All { get; } = Enum.GetValues<ReminderRule>();

    /// <summary>The rule as the contract and the outbox spell it.</summary>
    public static string ToContract(this ReminderRule rule) => rule switch
    {
        ReminderRule.NoContactPerson => "geen-contactpersoon",
        ReminderRule.NoDelivery => "geen-levering",
        ReminderRule.OpenErrors => "open-fouten",
        _ => "statuut",
    };

    public static ReminderRule? Parse(string? text) => All.Cast<ReminderRule?>().FirstOrDefault(r => r!.Value.ToContract() == text);
}
