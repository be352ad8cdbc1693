using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Boards;

/// <summary>
/// A board key as text, <c>{bestuursnummer}.{id}.{secret}</c>: the id is 10 random characters of lower-case base32
/// (50 bits, to find the key by), the secret 32 random bytes as base64url (256 bits). The board and the id are no
/// secret; the key as a whole is, and only its SHA-256 is stored.
/// </summary>
public static class BoardKeyText
{
    public const int IdLength = 10;

    public const int SecretBytes = 32;

    /// <summary>The length of <see cref="SecretBytes"/> as base64url without padding.</summary>
    private const int SecretLength = (SecretBytes * 4 + 2) / 3;

    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>A new random key id.</summary>
    public static string NewId()
    {
        Span<char> id = stackalloc char[IdLength];
        for (var i = 0; i < id.Length; i++)
        {
            id[i] = Base32[RandomNumberGenerator.GetInt32(Base32.Length)];
        }

        return new string(id);
    }

    /// <summary>A new key of <paramref name="bestuursnummer"/> with id <paramref name="id"/> and a random secret.</summary>
    public static string NewKey(Bestuursnummer bestuursnummer, string id) =>
        $"{bestuursnummer.Value}.{id}.{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes))}";

    /// <summary>Whether <paramref name="id"/> has the form of a key id (a route value, a command-line argument).</summary>
    public static bool IsId([NotNullWhen(true)] string? id) => id is { Length: IdLength } && id.All(Base32.Contains);

    /// <summary>The board and id a key names, when it has the form of a board key; its secret is not checked here.</summary>
    public static bool TryParse([NotNullWhen(true)] string? key, out Bestuursnummer bestuursnummer, [NotNullWhen(true)] out string? id)
    {
        bestuursnummer = default;
        id = null;
        var parts = key?.Split('.');
        if (parts is not { Length: 3 } || !Bestuursnummer.TryParseExact(parts[0], out var board) || !IsId(parts[1]) || !IsSecret(parts[2]))
        {
            return false;
        }

        (bestuursnummer, id) = (board, parts[1]);
        return true;
    }

    /// <summary>SHA-256 of the whole key, as lower-case hex: what is stored of it.</summary>
    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>Whether <paramref name="key"/> hashes to <paramref name="hash"/>, in time that does not depend on where they differ.</summary>
    public static bool Matches(string key, string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        Span<byte> stored = stackalloc byte[SHA256.HashSizeInBytes];
        if (Convert.FromHexString(hash, stored, out _, out var written) != System.Buffers.OperationStatus.Done || written != stored.Length)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(key)), stored);
    }

    private static bool IsSecret(string text) =>
        text.Length == SecretLength && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
