using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Infrastructure.Access;

/// <summary>
/// Who a request is, from its <c>Authorization: Bearer</c> header: the operator (the operator key opens every board's
/// routes and <c>/beheer</c>), one board (a key issued to it, not revoked), or nobody. Every route asks one question:
/// may this caller act for this board?
/// </summary>
public sealed class ApiKeys(OperatorKey operatorKey, IdentifyBoardKey identifyBoardKey)
{
    private const string Scheme = "Bearer ";

    public async Task<ApiCaller> IdentifyAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (operatorKey.Allows(authorization))
        {
            return ApiCaller.Operator;
        }

        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return ApiCaller.Nobody;
        }

        return await identifyBoardKey.HandleAsync(authorization[Scheme.Length..].Trim(), cancellationToken) is { } key
            ? ApiCaller.BoardKey(key.Bestuursnummer, key.Id)
            : ApiCaller.Nobody;
    }
}

/// <summary>A caller as its key says: the operator, one board, or nobody (no key, a wrong one, a revoked one).</summary>
/// <remarks>
/// <para><c>Door</c>: who it is for a board's history, as far as the key tells.</para>
/// <para><c>Board</c>: the one board a board key opens; null for the operator and for nobody.</para>
/// </remarks>
public sealed record ApiCaller(string Door, bool IsOperator, Bestuursnummer? Board)
{
    public static ApiCaller Operator { get; } = new(OperatorKey.Caller, true, null);

    public static ApiCaller Nobody { get; } = new("", false, null);

    /// <summary>A caller with key <paramref name="keyId"/> of <paramref name="board"/>: the history names the key.</summary>
    public static ApiCaller BoardKey(Bestuursnummer board, string keyId) => new($"bestuur {board.Value} (sleutel {keyId})", false, board);

    public bool IsKnown => IsOperator || Board is not null;

    /// <summary>Whether the caller may read and act for <paramref name="board"/>: its own key, or the operator's.</summary>
    public bool MayActFor(Bestuursnummer board) => IsOperator || Board == board;
}
