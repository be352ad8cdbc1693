using LerarenFunctions.Core;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Email;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Core.Reminders;
using LerarenFunctions.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LerarenFunctions.Cli;

/// <summary>
/// The services a command needs, composed as the hosts compose them, so that the CLI runs the very validator the
/// service runs and keeps working when that validator's constructor changes.
/// </summary>
public static class CliServices
{
    /// <summary>
    /// Core with its options from environment variables (<c>TeacherFile__MaxRows</c>): the setting names the hosts
    /// read, so a pre-check can mirror the limits of the environment it prepares a file for.
    /// </summary>
    public static ServiceProvider CreateCore()
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var services = new ServiceCollection();
        // Logging without providers: a service that logs must never write to stdout, which carries the terugmelding.
        services.AddLogging();
        services.AddOptions<TeacherFileOptions>()
            .Bind(configuration.GetSection(TeacherFileOptions.SectionName))
            .ValidateDataAnnotations();
        services.AddLerarenFunctionsCore();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>
    /// Core with the storage adapters, for commands that work on the stored state: the account from the settings the
    /// hosts read, a connection string in <c>AzureWebJobsStorage</c> or the identity-based
    /// <c>AzureWebJobsStorage__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__tableServiceUri</c> (and
    /// <c>__clientId</c>), which sign in with the managed identity of the machine the tool runs on.
    /// </summary>
    public static ServiceProvider CreateOperations()
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<ForwardingOptions>().Bind(configuration.GetSection(ForwardingOptions.SectionName)).ValidateDataAnnotations();
        // What the reminders' dry run decides by: the rules, the sector deadlines and the helpdesk address.
        services.AddOptions<ReminderOptions>().Bind(configuration.GetSection(ReminderOptions.SectionName)).ValidateDataAnnotations();
        services.AddOptions<BoardOptions>().Bind(configuration.GetSection(BoardOptions.SectionName)).ValidateDataAnnotations();
        services.AddOptions<SupportOptions>().Bind(configuration.GetSection(SupportOptions.SectionName));
        services.AddLerarenFunctionsCore();
        services.AddLerarenFunctionsStorage(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
