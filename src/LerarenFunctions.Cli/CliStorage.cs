using Azure.Identity;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Cli;

/// <summary>
/// Runs a command on the stored state; a bad storage setting is a usage error that names the setting, and so is a
/// managed identity that cannot sign in where the tool runs (identity-based settings on a machine without one).
/// </summary>
internal static class CliStorage
{
    public static async Task<int> WithServicesAsync(Func<IServiceProvider, Task<int>> action)
    {
        try
        {
            await using var services = CliServices.CreateOperations();
            return await action(services);
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"Ongeldige instelling: {ex.Message}");
            return ExitCodes.Gebruiksfout;
        }
        catch (AuthenticationFailedException ex)
        {
            await Console.Error.WriteLineAsync($"Aanmelden bij de opslag met de beheerde identiteit lukt niet (AzureWebJobsStorage__*): {ex.Message}");
            return ExitCodes.Gebruiksfout;
        }
    }
}
