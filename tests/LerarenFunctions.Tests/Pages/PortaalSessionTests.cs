using Azure.Data.Tables;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Infrastructure.Access;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Infrastructure.Storage.Tables;
using LerarenFunctions.Tests.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LerarenFunctions.Tests.Pages;

/// <summary>
/// The pages' sessions on Azurite, without a browser: what is stored of a session (never the cookie), when it opens,
/// and when it no longer does (expired, signed out, its key revoked), and the removal of the expired ones.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class PortaalSessionTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2031, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public async Task SignInBoard_StoresOnlyAHashOfTheCookie_WhenTheKeyIsValid()
    {
        var (sessions, key) = await BoardWithKeyAsync();

        var signedIn = await sessions.SignInBoardAsync(key.Text, CancellationToken.None);

        Assert.NotNull(signedIn);
        var parts = signedIn.Cookie.Split('.');
        Assert.Equal("20310302", parts[0]);
        Assert.Equal(43, parts[1].Length);
        Assert.Equal(key.Board.Value, signedIn.Caller.Who);
        Assert.Equal(key.Id, signedIn.Caller.KeyId);
        Assert.Equal(Start + PageSessions.Lifetime, signedIn.Caller.ExpiresAt);
        var row = Assert.Single(await RowsAsync(parts[0]), r => r.GetString("Wie") == key.Board.Value && r.GetString("SleutelId") == key.Id);
        Assert.Equal(64, row.RowKey.Length);
        Assert.DoesNotContain(row.Keys, k => row[k]?.ToString()?.Contains(parts[1], StringComparison.Ordinal) == true);
        Assert.DoesNotContain(parts[1], row.RowKey, StringComparison.Ordinal);
        Assert.Equal(signedIn.Caller, await sessions.ResumeAsync(signedIn.Cookie, CancellationToken.None));
    }

    [Fact]
    public async Task Resume_OpensNothing_WhenExpiredSignedOutRevokedOrForged()
    {
        var (sessions, key) = await BoardWithKeyAsync();
        var expiring = (await sessions.SignInBoardAsync(key.Text, CancellationToken.None))!;
        var signingOut = (await sessions.SignInBoardAsync(key.Text, CancellationToken.None))!;

        await sessions.SignOutAsync(signingOut.Cookie, CancellationToken.None);
        Assert.Null(await sessions.ResumeAsync(signingOut.Cookie, CancellationToken.None));
        Assert.NotNull(await sessions.ResumeAsync(expiring.Cookie, CancellationToken.None));

        var forged = expiring.Cookie[..^1] + (expiring.Cookie[^1] == 'A' ? 'B' : 'A');
        Assert.Null(await sessions.ResumeAsync(forged, CancellationToken.None));
        Assert.Null(await sessions.ResumeAsync("20310302.kort", CancellationToken.None));
        Assert.Null(await sessions.ResumeAsync(null, CancellationToken.None));

        _time.Advance(PageSessions.Lifetime);
        Assert.Null(await sessions.ResumeAsync(expiring.Cookie, CancellationToken.None));

        var fresh = (await sessions.SignInBoardAsync(key.Text, CancellationToken.None))!;
        await new RevokeBoardKey(Keys(), _time).HandleAsync(key.Board, key.Id, CancellationToken.None);
        Assert.Null(await sessions.ResumeAsync(fresh.Cookie, CancellationToken.None));
        Assert.Null(await sessions.SignInBoardAsync(key.Text, CancellationToken.None));
    }

    [Fact]
    public async Task SignInOperator_OpensAnOperatorSession_WithTheOperatorKeyOnly()
    {
        var sessions = Sessions();

        var signedIn = await sessions.SignInOperatorAsync(TestKeys.Operator, CancellationToken.None);

        Assert.NotNull(signedIn);
        Assert.True(signedIn.Caller.IsOperator);
        Assert.Null(signedIn.Caller.Board);
        Assert.True((await sessions.ResumeAsync(signedIn.Cookie, CancellationToken.None))!.IsOperator);
        Assert.Null(await sessions.SignInOperatorAsync(TestKeys.Operator + "x", CancellationToken.None));
        Assert.Null(await sessions.SignInOperatorAsync("", CancellationToken.None));
        Assert.Null(await sessions.SignInBoardAsync(TestKeys.Operator, CancellationToken.None));
    }

    [Fact]
    public async Task AcceptsToken_IsTrueForTheSessionsOwnTokenOnly()
    {
        var (sessions, key) = await BoardWithKeyAsync();
        var one = (await sessions.SignInBoardAsync(key.Text, CancellationToken.None))!.Caller;
        var other = (await sessions.SignInBoardAsync(key.Text, CancellationToken.None))!.Caller;

        Assert.True(one.AcceptsToken(one.Csrf));
        Assert.False(one.AcceptsToken(other.Csrf));
        Assert.False(one.AcceptsToken(one.Csrf[..^1]));
        Assert.False(one.AcceptsToken(""));
        Assert.False(one.AcceptsToken(null));
    }

    [Fact]
    public async Task DeleteExpired_RemovesThePartitionsBeforeToday_AndKeepsTodaysAndLater()
    {
        var store = new TablePageSessionStore(azurite.Clients);
        var today = DateOnly.FromDateTime(Start.UtcDateTime).AddDays(40);
        foreach (var day in new[] { -3, -1, 0, 1 })
        {
            var date = TablePageSessionStore.Partition(today.AddDays(day));
            Assert.True(await store.TryAddAsync(new PageSessionRow(date, Guid.NewGuid().ToString("N"), "10053", "abcdefghij", "token", Start), CancellationToken.None));
        }

        await store.DeleteExpiredAsync(today, CancellationToken.None);

        var left = await RowsAsync(null);
        Assert.DoesNotContain(left, r => string.CompareOrdinal(r.PartitionKey, TablePageSessionStore.Partition(today)) < 0);
        Assert.Contains(left, r => r.PartitionKey == TablePageSessionStore.Partition(today));
        Assert.Contains(left, r => r.PartitionKey == TablePageSessionStore.Partition(today.AddDays(1)));
    }

    [Fact]
    public async Task SignIn_RemovesTheSessionsOfEarlierDays_WhenTheDayChanged()
    {
        var (sessions, key) = await BoardWithKeyAsync();
        var yesterday = (await sessions.SignInBoardAsync(key.Text, CancellationToken.None))!;
        var partition = yesterday.Cookie.Split('.')[0];

        _time.Advance(TimeSpan.FromDays(1));
        await sessions.SignInBoardAsync(key.Text, CancellationToken.None);

        Assert.Empty(await RowsAsync(partition));
    }

    private PageSessions Sessions(IBoardKeyStore? keys = null)
    {
        keys ??= Keys();
        return new PageSessions(
            new TablePageSessionStore(azurite.Clients),
            new OperatorKey(Options.Create(new OperatorOptions { Sleutel = TestKeys.Operator })),
            new IdentifyBoardKey(keys, _time, NullLogger<IdentifyBoardKey>.Instance),
            keys,
            _time,
            new HostingEnvironment { EnvironmentName = Environments.Production });
    }

    private TableBoardKeyStore Keys() => new(azurite.Clients);

    /// <summary>Sessions and a valid key of a board of its own (made-up number), stored as only its hash.</summary>
    private async Task<(PageSessions Sessions, (Bestuursnummer Board, string Id, string Text) Key)> BoardWithKeyAsync()
    {
        var board = Bestuursnummer.Parse(Random.Shared.Next(30000, 39999).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var id = BoardKeyText.NewId();
        var text = BoardKeyText.NewKey(board, id);
        var keys = Keys();
        Assert.NotNull(await keys.TryAddAsync(new BoardKey(id, board, BoardKeyText.Hash(text), Start), CancellationToken.None));
        return (Sessions(keys), (board, id, text));
    }

    private async Task<List<TableEntity>> RowsAsync(string? partition)
    {
        var table = azurite.Clients.Tables.GetTableClient(StorageNames.SessionsTable);
        var rows = new List<TableEntity>();
        var query = partition is null ? table.QueryAsync<TableEntity>() : table.QueryAsync<TableEntity>(e => e.PartitionKey == partition);
        await foreach (var row in query)
        {
            rows.Add(row);
        }

        return rows;
    }
}
