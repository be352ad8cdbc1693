using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>A board's claim on a file's content: the delivery that forwards it. The same content again is <c>dubbel</c>.</summary>
public sealed record ContentClaim(Bestuursnummer Bestuursnummer, string ContentHash, string DeliveryId, DateTimeOffset ClaimedAt);
