using LerarenFunctions.Core.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LerarenFunctions.Infrastructure.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEmailSender"/> as SMTP (<see cref="SmtpEmailSender"/>) with <see cref="EmailOptions"/> from the
    /// section <c>Email</c>, validated at start: a missing or bad setting stops the host with a message that names it.
    /// </summary>
    public static IServiceCollection AddLerarenFunctionsEmail(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        return services;
    }
}
