using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace LerarenFunctions.Core.Reminders;

/// <summary>
/// The reminders: when the timer runs and, per rule, when it reminds, how often and whether at all. Days are calendar
/// days in the Netherlands.
/// </summary>
public sealed class ReminderOptions : IValidatableObject
{
    public const string SectionName = "Herinneringen";

    /// <summary>
    /// When the <c>SendReminders</c> timer runs (six-field NCRONTAB, UTC unless the host sets a time zone). Read by the
    /// trigger as <c>%Herinneringen:Schema%</c>. Daily is enough: every rule counts in days.
    /// </summary>
    [Required]
    [ConfigurationKeyName("Schema")]
    public string Schedule { get; set; } = "0 0 7 * * *";

    [ConfigurationKeyName("GeenContactpersoon")]
    public NoContactPersonRule NoContactPerson { get; set; } = new();

    [ConfigurationKeyName("GeenLevering")]
    public NoDeliveryRule NoDelivery { get; set; } = new();

    [ConfigurationKeyName("OpenFouten")]
    public OpenErrorsRule OpenErrors { get; set; } = new();

    [ConfigurationKeyName("Statuut")]
    public StatuutRule Statuut { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 6)
        {
            yield return new("Herinneringen:Schema is geen NCRONTAB-schema met zes velden (seconden eerst), bijvoorbeeld '0 0 7 * * *'.", [nameof(Schedule)]);
        }

        foreach (var (name, rule) in new (string, object)[] { ("GeenContactpersoon", NoContactPerson), ("GeenLevering", NoDelivery), ("OpenFouten", OpenErrors), ("Statuut", Statuut) })
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(rule, new ValidationContext(rule), results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return new($"Herinneringen:{name}: {result.ErrorMessage}", [.. result.MemberNames.Select(m => $"{name}.{m}")]);
            }
        }
    }
}

/// <summary>Rule 1: a board without a contact person is asked for one, weekly, and then the helpdesk is told once.</summary>
public sealed class NoContactPersonRule
{
    [ConfigurationKeyName("Aan")]
    public bool Enabled { get; set; } = true;

    /// <summary>Days after the board was first imported before the first reminder.</summary>
    [Range(0, 365)]
    [ConfigurationKeyName("NaDagen")]
    public int AfterDays { get; set; } = 14;

    [Range(1, 365)]
    [ConfigurationKeyName("HerhaalDagen")]
    public int RepeatDays { get; set; } = 7;

    /// <summary>Reminders to the board; after the last one (and its interval) one escalation goes to the helpdesk.</summary>
    [Range(0, 52)]
    [ConfigurationKeyName("Maximaal")]
    public int MaxCount { get; set; } = 4;

    /// <summary>Where the escalation goes; empty: the helpdesk address of the support block (<c>Ondersteuning:Email</c>).</summary>
    [EmailAddress]
    [ConfigurationKeyName("Escalatieadres")]
    public string? EscalationAddress { get; set; }
}

/// <summary>Rule 2: a board that has not delivered is reminded some days before its deadline, and once after it.</summary>
public sealed class NoDeliveryRule : IValidatableObject
{
    [ConfigurationKeyName("Aan")]
    public bool Enabled { get; set; } = true;

    /// <summary>Days before the deadline a reminder goes, comma-separated.</summary>
    [Required]
    [ConfigurationKeyName("DagenVoor")]
    public string DaysBefore { get; set; } = "30,14,7";

    /// <summary>Days after the deadline the one reminder after it goes.</summary>
    [Range(0, 365)]
    [ConfigurationKeyName("DagenNa")]
    public int DaysAfter { get; set; } = 1;

    /// <summary>A delivery counts for a deadline when it was received at most this many days before it (a school year).</summary>
    [Range(30, 400)]
    [ConfigurationKeyName("Periode")]
    public int PeriodDays { get; set; } = 365;

    /// <summary>The days before the deadline, furthest first.</summary>
    public IReadOnlyList<int> DaysBeforeList => [.. ParseDays().OrderDescending()];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var days = ParseDays();
        if (days.Count == 0 || days.Any(d => d is < 1 or > 365) || days.Distinct().Count() != days.Count)
        {
            yield return new("DagenVoor moet een lijst van verschillende dagen tussen 1 en 365 zijn, bijvoorbeeld '30,14,7'.", [nameof(DaysBefore)]);
        }
    }

    private List<int> ParseDays() =>
        [.. (DaysBefore ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)];
}

/// <summary>Rule 3: a terugmelding with errors that no newer delivery followed.</summary>
public sealed class OpenErrorsRule
{
    [ConfigurationKeyName("Aan")]
    public bool Enabled { get; set; } = true;

    /// <summary>Days after the delivery was completed before the first reminder.</summary>
    [Range(1, 365)]
    [ConfigurationKeyName("NaDagen")]
    public int AfterDays { get; set; } = 14;

    [Range(1, 365)]
    [ConfigurationKeyName("HerhaalDagen")]
    public int RepeatDays { get; set; } = 14;

    [Range(1, 12)]
    [ConfigurationKeyName("Maximaal")]
    public int MaxCount { get; set; } = 2;
}

/// <summary>Rule 4: the professioneel statuut not <c>vastgesteld</c> by a date. Off unless a date is set and it is switched on.</summary>
public sealed class StatuutRule : IValidatableObject
{
    [ConfigurationKeyName("Aan")]
    public bool Enabled { get; set; }

    /// <summary>From this date on a board whose statuut is not <c>vastgesteld</c> is reminded.</summary>
    [ConfigurationKeyName("Datum")]
    public DateOnly? Date { get; set; }

    [Range(1, 365)]
    [ConfigurationKeyName("HerhaalDagen")]
    public int RepeatDays { get; set; } = 30;

    [Range(1, 12)]
    [ConfigurationKeyName("Maximaal")]
    public int MaxCount { get; set; } = 3;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && Date is null)
        {
            yield return new("Aan vraagt een Datum (jjjj-mm-dd) waarop het statuut vastgesteld moet zijn.", [nameof(Date)]);
        }
    }
}
