using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Email;

/// <summary>
/// One e-mail as it is sent: Dutch, plain text and HTML of the same content, never a BSN. <see cref="Id"/> is the
/// outbox's id and becomes the message's <c>Message-ID</c>, so a copy sent again after a crash is recognisably the same.
/// </summary>
public sealed record EmailMessage(string Id, EmailAddress To, string? ToName, string Subject, string Text, string Html);
