using System.Text.Json;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Tests.Pages;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Cli;

/// <summary>
/// The CLI on dead letters it cannot replay, now (the delivery keeps changing) or ever (the retention removed the rows),
/// on storage of its own: <c>--alle</c> replays every dead letter there is.
/// </summary>
public sealed class DeadLettersNotReplayedTests(DeadLetterHost host) : IClassFixture<DeadLetterHost>
{
    private Dictionary<string, string> Environment => new() { [StorageNames.Connection] = host.ConnectionString };

    [Fact]
    public async Task DodelettersOpnieuwAlle_GoesOnAndNamesTheBatch_WhenOneKeepsConflicting()
    {
        var stuck = await host.DeliverRefusedAsync(BeheerHost.BoardA, SyntheticData.TeacherCsv(BeheerHost.BoardA, rows: 3, seed: 65));
        var free = await host.DeliverRefusedAsync(BeheerHost.BoardA, SyntheticData.TeacherCsv(BeheerHost.BoardA, rows: 3, seed: 66));

        host.Conflicts.ConflictDelivery(stuck);
        CliResult one, all;
        try
        {
            one = await CliProcess.RunAsync(Environment, "dodeletters", "opnieuw", stuck, "1");
            all = await CliProcess.RunAsync(Environment, "dodeletters", "opnieuw", "--alle");
        }
        finally
        {
            host.Conflicts.ResolveDelivery(stuck);
        }

        Assert.Equal(1, one.ExitCode);
        Assert.Contains($"Batch 1 van aanlevering {stuck}", one.StandardError, StringComparison.Ordinal);
        Assert.Contains("probeer het zo opnieuw", one.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, all.ExitCode);
        Assert.Contains($"Batch 1 van aanlevering {stuck}", all.StandardError, StringComparison.Ordinal);
        Assert.Contains("probeer het zo opnieuw", all.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(free, all.StandardError, StringComparison.Ordinal);
        var letters = await ListAsync();
        Assert.Contains(letters, l => l.DeliveryId == stuck);
        Assert.DoesNotContain(letters, l => l.DeliveryId == free);
    }

    [Fact]
    public async Task Dodeletters_SayTheRowsAreGone_WhenTheRetentionRemovedThem()
    {
        var id = await host.DeliverRefusedAsync(BeheerHost.BoardB, SyntheticData.TeacherCsv(BeheerHost.BoardB, rows: 3, seed: 67));

        await host.ApplyRetentionAsync(TimeSpan.FromDays(31));

        var letter = Assert.Single(await ListAsync(), l => l.DeliveryId == id);
        Assert.Equal((false, true), (letter.CanReplay, letter.RecordsRemovedAt is not null));
        var one = await CliProcess.RunAsync(Environment, "dodeletters", "opnieuw", id, "1");
        Assert.Equal(1, one.ExitCode);
        Assert.Contains("de bewaartermijn van de regels is verstreken", one.StandardError, StringComparison.Ordinal);
        // Never replayable is no failure of a run over all: it says so and goes on.
        var all = await CliProcess.RunAsync(Environment, "dodeletters", "opnieuw", "--alle");
        Assert.Equal(0, all.ExitCode);
        Assert.Contains($"Batch 1 van aanlevering {id}", all.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("bewaartermijn", all.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(await ListAsync(), l => l.DeliveryId == id);
    }

    private async Task<List<DeadLetter>> ListAsync()
    {
        var list = await CliProcess.RunAsync(Environment, "dodeletters", "lijst");
        Assert.Equal(0, list.ExitCode);
        return JsonSerializer.Deserialize<List<DeadLetter>>(list.StandardOutput)!;
    }
}
