namespace LerarenFunctions.Core.Email;

/// <summary>Hands an e-mail to the mail server (SMTP). Throws when the server did not accept it.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
