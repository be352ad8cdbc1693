namespace LerarenFunctions.Core.Email;

/// <summary>
/// The mail server did not accept an e-mail. Its text names no address in full (the sender masks them): the outbox
/// stores and logs it.
/// </summary>
public sealed class EmailRefusedException : Exception
{
    public EmailRefusedException()
    {
    }

    public EmailRefusedException(string message)
        : base(message)
    {
    }

    public EmailRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EmailRefusedException(int statusCode, bool permanent, string message)
        : base(message) => (StatusCode, IsPermanent) = (statusCode, permanent);

    /// <summary>The SMTP reply code, e.g. 451 or 550; 0 when unknown.</summary>
    public int StatusCode { get; }

    /// <summary>
    /// Refused for good: this recipient or this message (a 5xx answer to them), so another attempt would be refused
    /// again. A refusal of the session (the sign-in, the sender, a busy server) is not: it is fixed or passes.
    /// </summary>
    public bool IsPermanent { get; }
}
