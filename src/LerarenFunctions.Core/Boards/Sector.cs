using System.Diagnostics.CodeAnalysis;

namespace LerarenFunctions.Core.Boards;

/// <summary>The education sectors DUO publishes board files for, and that carry a delivery deadline of their own.</summary>
public enum Sector
{
    Po,
    Vo,
    Mbo,
}

public static class SectorContract
{
    /// <summary>The contract's name: <c>po</c>, <c>vo</c>, <c>mbo</c>.</summary>
    public static string ToContract(this Sector sector) => sector switch
    {
        Sector.Po => "po",
        Sector.Vo => "vo",
        Sector.Mbo => "mbo",
        _ => throw new ArgumentOutOfRangeException(nameof(sector), sector, null),
    };

    public static bool TryParse([NotNullWhen(true)] string? text, out Sector sector)
    {
        foreach (var candidate in Enum.GetValues<Sector>())
        {
            if (string.Equals(text?.Trim(), candidate.ToContract(), StringComparison.OrdinalIgnoreCase))
            {
                sector = candidate;
                return true;
            }
        }

        sector = default;
        return false;
    }
}
