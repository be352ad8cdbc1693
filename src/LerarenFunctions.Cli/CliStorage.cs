using Microsoft.Extensions.Options;

namespace LerarenFunctions.Cli;

/// <summary>Runs a command on the stored state; a bad storage setting is a usage error that names the setting.</summary>
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
    }
}
