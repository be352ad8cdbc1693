using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Domain;
using Microsoft.Extensions.Hosting;

namespace LerarenFunctions.Infrastructure.Access;

/// <summary>
/// Sign-in for the pages (<c>/portaal</c> with a board key, <c>/beheer</c> with the operator key): a session is a row in
/// <see cref="TablePageSessionStore"/>, the browser holds only the cookie <see cref="CookieName"/>,
/// <c>{jjjjMMdd of expiry}.{256 random bits, base64url}</c>. Every request resumes the session with one point read,
/// and for a board one more: its key must still be valid, so revoking a key ends its sessions at once. Each session has
/// its own antiforgery token for its forms. ASP.NET Core's antiforgery is not used: it needs a key ring shared by every
/// instance, and the session row is shared already.
/// </summary>
public sealed class PageSessions(
    TablePageSessionStore store,
    OperatorKey operatorKey,
    IdentifyBoardKey identifyBoardKey,
    IBoardKeyStore boardKeys,
    TimeProvider time,
    IHostEnvironment environment)
{
    /// <summary>The session cookie: HttpOnly, SameSite=Strict, Path=/, Secure outside Development.</summary>
    public const string CookieName = "lf-sessie";

    /// <summary>The hidden form field of the antiforgery token, in every form of a signed-in page.</summary>
    public const string CsrfField = "_csrf";

    /// <summary>Who an operator's session is for.</summary>
    public const string OperatorWho = "beheer";

    /// <summary>How long a session lasts from sign-in: a working day, not renewed.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private const int RandomBytes = 32;

    private DateOnly _cleanedUpOn;

    /// <summary>Whether the cookie is sent over HTTPS only: everywhere but a Development host (plain HTTP on loopback).</summary>
    public bool SecureCookie => !environment.IsDevelopment();

    /// <summary>A new session for the board whose key <paramref name="key"/> is (issued, not revoked); null when it opens nothing.</summary>
    public async Task<SignedIn?> SignInBoardAsync(string? key, CancellationToken cancellationToken)
    {
        if (await identifyBoardKey.HandleAsync(key?.Trim(), cancellationToken) is not { } identified)
        {
            return null;
        }

        return await StartAsync(identified.Bestuursnummer.Value, identified.Id, cancellationToken);
    }

    /// <summary>A new operator session when <paramref name="key"/> is the operator key (compared in constant time); else null.</summary>
    public async Task<SignedIn?> SignInOperatorAsync(string? key, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(key) || !operatorKey.Allows("Bearer " + key.Trim())
            ? null
            : await StartAsync(OperatorWho, null, cancellationToken);

    /// <summary>
    /// The session the cookie value <paramref name="cookie"/> opens: stored, not expired and, for a board, its key not
    /// revoked. Null otherwise.
    /// </summary>
    public async Task<PageCaller?> ResumeAsync(string? cookie, CancellationToken cancellationToken)
    {
        if (Parse(cookie) is not { } parts
            || await store.GetAsync(parts.Partition, parts.Hash, cancellationToken) is not { } row
            || row.ExpiresAt <= time.GetUtcNow())
        {
            return null;
        }

        var caller = new PageCaller(row.Who, row.KeyId, row.Csrf, row.ExpiresAt);
        if (caller.IsOperator)
        {
            return caller;
        }

        return caller.Board is { } board
            && row.KeyId is { } keyId
            && await boardKeys.GetAsync(board, keyId, cancellationToken) is { Value.IsRevoked: false }
            ? caller
            : null;
    }

    /// <summary>Ends the session of <paramref name="cookie"/>: its row is removed. Nothing happens for a cookie that opens nothing.</summary>
    public async Task SignOutAsync(string? cookie, CancellationToken cancellationToken)
    {
        if (Parse(cookie) is { } parts)
        {
            await store.DeleteAsync(parts.Partition, parts.Hash, cancellationToken);
        }
    }

    private async Task<SignedIn> StartAsync(string who, string? keyId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await RemoveExpiredAsync(DateOnly.FromDateTime(now.UtcDateTime), cancellationToken);
        var expiresAt = now + Lifetime;
        var partition = TablePageSessionStore.Partition(DateOnly.FromDateTime(expiresAt.UtcDateTime));
        // 256 random bits never collide in practice; a collision draws again rather than sharing a session.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var random = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));
            var csrf = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));
            var row = new PageSessionRow(partition, Hash(random), who, keyId, csrf, expiresAt);
            if (await store.TryAddAsync(row, cancellationToken))
            {
                return new SignedIn($"{partition}.{random}", new PageCaller(who, keyId, csrf, expiresAt));
            }
        }

        throw new InvalidOperationException("No new session could be stored.");
    }

    /// <summary>
    /// Removes the sessions of the days before today, at most once a day per instance: on sign-in rather than on a
    /// timer, since only a sign-in adds rows, and one range query finds only what is left to remove.
    /// </summary>
    private async Task RemoveExpiredAsync(DateOnly today, CancellationToken cancellationToken)
    {
        if (_cleanedUpOn == today)
        {
            return;
        }

        await store.DeleteExpiredAsync(today, cancellationToken);
        _cleanedUpOn = today;
    }

    /// <summary>The partition and row key a cookie value names; null for anything that is no cookie of ours.</summary>
    private static (string Partition, string Hash)? Parse(string? cookie)
    {
        var parts = cookie?.Split('.');
        if (parts is not { Length: 2 }
            || !DateOnly.TryParseExact(parts[0], TablePageSessionStore.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            || parts[1].Length != Base64Url.GetEncodedLength(RandomBytes)
            || !parts[1].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }

        return (parts[0], Hash(parts[1]));
    }

    private static string Hash(string random) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(random)));
}

/// <summary>A new session: the cookie value for the browser (shown to it only) and who is signed in.</summary>
public sealed record SignedIn(string Cookie, PageCaller Caller);

/// <summary>Who a page's session is for: one board (with the key it signed in with) or the operator; and its antiforgery token.</summary>
/// <param name="Who">The bestuursnummer, or <see cref="PageSessions.OperatorWho"/>.</param>
/// <param name="KeyId">The board key signed in with; null for the operator.</param>
/// <param name="Csrf">The antiforgery token every form of the session carries as <see cref="PageSessions.CsrfField"/>.</param>
/// <param name="ExpiresAt">When the session ends, whatever happens in between.</param>
public sealed record PageCaller(string Who, string? KeyId, string Csrf, DateTimeOffset ExpiresAt)
{
    public bool IsOperator => Who == PageSessions.OperatorWho;

    /// <summary>The board of a board's session; null for the operator.</summary>
    public Bestuursnummer? Board => Bestuursnummer.TryParseExact(Who, out var board) ? board : null;

    /// <summary>The same caller as the API knows it: for the rate limit and the board's history.</summary>
    public ApiCaller ApiCaller => IsOperator ? ApiCaller.Operator : ApiCaller.BoardKey(Board!.Value, KeyId ?? "");

    /// <summary>Whether <paramref name="token"/> is this session's antiforgery token, compared in constant time.</summary>
    public bool AcceptsToken(string? token)
    {
        if (token is null)
        {
            return false;
        }

        // Hashes of equal length, so neither the comparison nor its time says how much of a token was right.
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(token)),
            SHA256.HashData(Encoding.UTF8.GetBytes(Csrf)));
    }
}
