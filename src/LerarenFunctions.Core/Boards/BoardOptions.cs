using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace LerarenFunctions.Core.Boards;

/// <summary>What applies to boards unless a board has its own: the delivery deadline per sector.</summary>
public sealed class BoardOptions : IValidatableObject
{
    public const string SectionName = "Besturen";

    /// <summary>
    /// The delivery deadline per sector (<c>Besturen:Deadlines:vo</c> = <c>2027-08-01</c>): the last day a board of
    /// that sector delivers. A board of several sectors has the earliest; a board's own deadline wins.
    /// </summary>
    [ConfigurationKeyName("Deadlines")]
    public Dictionary<string, DateOnly> Deadlines { get; set; } = [];

    /// <summary>The deadlines by sector.</summary>
    public IReadOnlyDictionary<Sector, DateOnly> SectorDeadlines =>
        Deadlines.Where(d => SectorContract.TryParse(d.Key, out _)).ToDictionary(d => SectorContract.TryParse(d.Key, out var s) ? s : default, d => d.Value);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var key in Deadlines.Keys.Where(k => !SectorContract.TryParse(k, out _)))
        {
            yield return new($"Besturen:Deadlines:{key} is geen sector; gebruik po, vo of mbo.", [nameof(Deadlines)]);
        }
    }
}
