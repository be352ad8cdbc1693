using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Email;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Infrastructure.Storage.Tables;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Cli;

/// <summary>Operators see the e-mails the outbox gave up on, with the CLI.</summary>
[Collection(StorageCollection.Name)]
public sealed class EmailsCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task BerichtenMislukt_ListsAGivenUpEmailByDomainOnly_WhenTheOutboxGaveUp()
    {
        var store = new TableOutboxStore(azurite.Clients, TimeProvider.System);
        var id = $"10085-test-{Guid.NewGuid():N}";
        var added = (await store.TryAddAsync(new OutboxMessage
        {
            Id = id,
            Bestuursnummer = Bestuursnummer.Parse("10085"),
            Soort = Notifications.ContactPersonConfirmed,
            To = EmailAddress.TryParse("j.jansen@voorbeeld.example", out var to) ? to : throw new InvalidOperationException(),
            Subject = "U bent contactpersoon",
            CreatedAt = DateTimeOffset.UtcNow,
        }, CancellationToken.None))!;
        await store.TryReplaceAsync(added, added.Value with { Status = OutboxStatus.Mislukt, Attempts = 8, LastError = "550 5.1.1 mailbox unavailable" }, CancellationToken.None);

        var result = await CliProcess.RunAsync(new Dictionary<string, string> { [StorageNames.Connection] = azurite.ConnectionString }, "berichten", "mislukt");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains($"\"id\": \"{id}\"", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("\"domein\": \"voorbeeld.example\"", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("550 5.1.1 mailbox unavailable", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("j.jansen", result.StandardOutput, StringComparison.Ordinal);
    }
}
