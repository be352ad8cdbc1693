using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Boards;

/// <summary>
/// A school board (<i>bevoegd gezag</i>) as the registry knows it: from DUO's open data, with the contact person it
/// named and its own settings. The board owns its changes; each returns null when nothing changes, so a caller writes
/// (and records history) only for a real change.
/// </summary>
public sealed record Board
{
    public required Bestuursnummer Bestuursnummer { get; init; }

    public required string Naam { get; init; }

    public string? Plaatsnaam { get; init; }

    /// <summary>The address for general correspondence (DUO's file has none; ours adds the column).</summary>
    public EmailAddress? EmailAdres { get; init; }

    public PhoneNumber? Telefoonnummer { get; init; }

    /// <summary>The sectors whose files listed it, in order.</summary>
    public IReadOnlyList<Sector> Sectors { get; init; } = [];

    public BoardStatus Status { get; init; }

    /// <summary>The sectors whose latest import no longer listed it: a flag for operators, nothing is deleted.</summary>
    public IReadOnlyList<Sector> MissingFrom { get; init; } = [];

    /// <summary>A deadline of its own, instead of its sectors' (settings).</summary>
    public DateOnly? DeadlineOverride { get; init; }

    /// <summary>A front-runner (<i>koploper</i>): trialled the whole process before the others.</summary>
    public bool Koploper { get; init; }

    public StatuutState Statuut { get; init; }

    /// <summary>When the professioneel statuut reached its state (for <c>vastgesteld</c>: the date it was adopted).</summary>
    public DateOnly? StatuutDatum { get; init; }

    /// <summary>When an import first listed it: from then on it is asked for a contact person.</summary>
    public required DateTimeOffset ImportedAt { get; init; }

    public required DateTimeOffset ChangedAt { get; init; }

    public ContactPerson? Contactpersoon { get; init; }

    /// <summary>The deputy, optional.</summary>
    public ContactPerson? Plaatsvervanger { get; init; }

    public DateTimeOffset? ContactpersoonSince { get; init; }

    /// <summary>A board first seen in a sector's file.</summary>
    public static Board Imported(BoardFileRow row, Sector sector, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new Board
        {
            Bestuursnummer = row.Bestuursnummer,
            Naam = row.Naam,
            Plaatsnaam = row.Plaatsnaam,
            EmailAdres = row.EmailAdres,
            Telefoonnummer = row.Telefoonnummer,
            Sectors = [sector],
            ImportedAt = now,
            ChangedAt = now,
        };
    }

    /// <summary>
    /// The board as a new file of <paramref name="sector"/> lists it: DUO's data wins, an e-mail address is kept when
    /// the file has none, and a board that was missing (or marked <c>opgeheven</c> for it) is back.
    /// </summary>
    public Board? Reimported(BoardFileRow row, Sector sector, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(row);
        var missingFrom = MissingFrom.Where(s => s != sector).ToList();
        var next = this with
        {
            Naam = row.Naam,
            Plaatsnaam = row.Plaatsnaam,
            EmailAdres = row.EmailAdres ?? EmailAdres,
            Telefoonnummer = row.Telefoonnummer ?? Telefoonnummer,
            Sectors = [.. Sectors.Append(sector).Distinct().Order()],
            MissingFrom = missingFrom,
            Status = missingFrom.Count == 0 ? BoardStatus.Actief : Status,
        };
        return SameAs(next) ? null : next with { ChangedAt = now };
    }

    /// <summary>
    /// The latest file of <paramref name="sector"/> no longer lists the board. It is flagged, never deleted; with
    /// <paramref name="markOpgeheven"/> a board that no file of its sectors lists any more is <c>opgeheven</c>.
    /// </summary>
    public Board? Missing(Sector sector, bool markOpgeheven, DateTimeOffset now)
    {
        if (!Sectors.Contains(sector))
        {
            return null;
        }

        var missingFrom = MissingFrom.Append(sector).Distinct().Order().ToList();
        var next = this with
        {
            MissingFrom = missingFrom,
            Status = markOpgeheven && missingFrom.Count == Sectors.Count ? BoardStatus.Opgeheven : Status,
        };
        return SameAs(next) ? null : next with { ChangedAt = now };
    }

    /// <summary>The contact person (and deputy) the board named; null when they are the same as before.</summary>
    public Board? WithContactPersons(ContactPerson primary, ContactPerson? deputy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(primary);
        if (primary == Contactpersoon && deputy == Plaatsvervanger)
        {
            return null;
        }

        return this with
        {
            Contactpersoon = primary,
            Plaatsvervanger = deputy,
            ContactpersoonSince = primary == Contactpersoon ? ContactpersoonSince : now,
            ChangedAt = now,
        };
    }

    /// <summary>The board's own settings: its deadline, whether it is a koploper, its professioneel statuut.</summary>
    public BoardSettings Settings => new(DeadlineOverride, Koploper, Statuut, StatuutDatum);

    /// <summary>The board with <paramref name="settings"/>; null when they are the ones it has.</summary>
    public Board? WithSettings(BoardSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings == Settings
            ? null
            : this with
            {
                DeadlineOverride = settings.DeadlineOverride,
                Koploper = settings.Koploper,
                Statuut = settings.Statuut,
                StatuutDatum = settings.StatuutDatum,
                ChangedAt = now,
            };
    }

    /// <summary>The deadline that applies: its own, else the earliest of its sectors' (none when no sector has one).</summary>
    public DateOnly? Deadline(IReadOnlyDictionary<Sector, DateOnly> sectorDeadlines)
    {
        ArgumentNullException.ThrowIfNull(sectorDeadlines);
        return DeadlineOverride ?? Sectors
            .Select(s => sectorDeadlines.TryGetValue(s, out var deadline) ? deadline : (DateOnly?)null)
            .Where(d => d is not null)
            .Min();
    }

    /// <summary>One line for the history: DUO's data of the board.</summary>
    public string Describe() =>
        $"{Naam}{(Plaatsnaam is null ? "" : $", {Plaatsnaam}")}; {string.Join(", ", Sectors.Select(s => s.ToContract()))}; {Status.ToContract()}"
        + (MissingFrom.Count > 0 ? $"; ontbreekt in {string.Join(", ", MissingFrom.Select(s => s.ToContract()))}" : "");

    private bool SameAs(Board other) =>
        Naam == other.Naam && Plaatsnaam == other.Plaatsnaam && EmailAdres == other.EmailAdres
        && Telefoonnummer == other.Telefoonnummer && Status == other.Status
        && Sectors.SequenceEqual(other.Sectors) && MissingFrom.SequenceEqual(other.MissingFrom);
}
