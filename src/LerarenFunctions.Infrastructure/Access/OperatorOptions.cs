namespace LerarenFunctions.Infrastructure.Access;

/// <summary>
/// The operator key (<c>Beheer:Sleutel</c>): opens the operator routes and every board's routes, for the support desk
/// (a board's own key opens only its own). Outside Development it is required, at least <see cref="MinLength"/> characters,
/// and never the Development default; in Development that default applies when none is set.
/// </summary>
public sealed class OperatorOptions
{
    public const string SectionName = "Beheer";

    /// <summary>The documented key of a Development host (the LocalHost): never valid elsewhere.</summary>
    public const string DevelopmentKey = "ontwikkeling-beheersleutel-niet-voor-productie";

    /// <summary>Enough for 128 bits of randomness in any common encoding (32 hex digits).</summary>
    public const int MinLength = 32;

    /// <summary>How an app setting starts that App Service could not resolve from Key Vault: then it holds this text.</summary>
    public const string UnresolvedKeyVaultReference = "@Microsoft.KeyVault(";

    /// <summary>The key callers send as <c>Authorization: Bearer {key}</c>.</summary>
    public string? Sleutel { get; set; }
}
