using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Infrastructure.Access;

/// <summary>Checks a request's <c>Authorization: Bearer</c> header against the operator key, in constant time.</summary>
public sealed class OperatorKey(IOptions<OperatorOptions> options)
{
    /// <summary>Who a caller with the operator key is, for the history: the key says no more than that.</summary>
    public const string Caller = "beheerder (beheersleutel)";

    private readonly byte[] _hash = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.Sleutel ?? throw new InvalidOperationException("Beheer:Sleutel is not set.")));

    /// <summary>Whether <paramref name="authorization"/> is <c>Bearer {the operator key}</c>.</summary>
    public bool Allows(string? authorization)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Hashes of equal length, so neither the comparison nor its time tells anything about the key.
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(given, _hash);
    }
}
