namespace LerarenFunctions.Core.Email;

/// <summary>
/// The support block that ends every e-mail: where a board gets help. The Helpdesk Lerarenregister first; for
/// exceptional problems the sector council's helpdesk. Lines left empty are left out.
/// </summary>
public sealed class SupportOptions
{
    public const string SectionName = "Ondersteuning";

    public string Helpdesk { get; set; } = "Helpdesk Lerarenregister";

    /// <summary>The helpdesk's telephone number, as people dial it.</summary>
    public string? Telefoon { get; set; }

    /// <summary>The helpdesk's e-mail address.</summary>
    public string? Email { get; set; }

    /// <summary>One sentence on the sector councils' helpdesks, for exceptional problems.</summary>
    public string? Sectorraad { get; set; } =
        "Bij uitzonderlijke problemen kunt u ook terecht bij de helpdesk van uw sectorraad (bijvoorbeeld de VO-raad, onderwerp 'gegevenslevering lerarenregister').";
}
