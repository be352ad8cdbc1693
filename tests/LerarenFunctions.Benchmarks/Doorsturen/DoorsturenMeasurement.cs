using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs.Specialized;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure.Access;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.LocalHost.Development;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Benchmarks.Doorsturen;

/// <summary>
/// <c>doorsturen</c>: the speed and cost of forwarding, end to end. Starts an Azurite of its own (with its debug log)
/// and the LocalHost with the embedded register simulator, drops the files as fast as it can, and measures the time
/// from the last upload until the register holds every record and until every delivery is <c>afgerond</c>, and the
/// storage transactions that took — counted by our clients' pipeline policy and, for every client, from Azurite's log.
/// A measurement, not a gate: missed targets are reported, not failed on.
/// </summary>
public static class DoorsturenMeasurement
{
    public const string Usage = "usage: doorsturen [--bestanden N (1)] [--regels N per bestand (100000)] [--max-wachten seconden (600)] [--zonder-debuglog] [--bewaar-logs]";

    private static readonly TimeSpan TargetToRegistered = TimeSpan.FromSeconds(60);
    private const double TargetPerRecord = 0.05;
    private static readonly TimeSpan RegisterPoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StatusPoll = TimeSpan.FromMilliseconds(500);

    /// <returns>0 when measured (targets met or not), 1 when the run timed out or broke off, 2 for a wrong command line.</returns>
    public static Task<int> RunAsync(IReadOnlyList<string> args) =>
        MeasurementCommand.RunAsync(
            Settings.TryParse(args, out var settings, out var error) ? null : error,
            Usage,
            async cancellationToken => await MeasureAsync(settings, cancellationToken) ? 0 : 1,
            "Stopped (ctrl-c); Azurite and the LocalHost are stopped.");

    private static async Task<bool> MeasureAsync(Settings settings, CancellationToken cancellationToken)
    {
        var records = settings.Files * settings.Rows;
        var work = Directory.CreateTempSubdirectory("lerarenfunctions-doorsturen-");
        var debugLog = Path.Combine(work.FullName, "azurite-debug.log");
        var hostLog = Path.Combine(work.FullName, "localhost.log");
        Console.WriteLine(Invariant($"doorsturen: {settings.Files:N0} file(s) x {settings.Rows:N0} rows = {records:N0} records; LocalHost {LocalHostChild.Configuration}"));
        if (LocalHostChild.Configuration != "Release")
        {
            Console.WriteLine("warning: not a Release build; run with -c Release for figures worth writing down");
        }

        var files = SyntheticDeliveries.Create(settings.Files, settings.Rows);
        Run run;
        await using (var azurite = await AzuriteProcess.StartOnFreePortsAsync(settings.DebugLog ? debugLog : null, cancellationToken))
        {
            await using var host = await LocalHostChild.StartAsync(azurite.ConnectionString, hostLog, cancellationToken);
            // A kill of the harness (not ctrl-c) must not leave Azurite and the LocalHost running.
            EventHandler onExit = (_, _) =>
            {
                host.Kill();
                azurite.DisposeAsync().AsTask().GetAwaiter().GetResult();
            };
            AppDomain.CurrentDomain.ProcessExit += onExit;
            try
            {
                run = await RunAsync(settings, azurite, host, files, cancellationToken);
            }
            finally
            {
                AppDomain.CurrentDomain.ProcessExit -= onExit;
            }
        }

        // Azurite has stopped: its log is complete.
        var measured = new Measurement(settings, run, settings.DebugLog ? AzuriteDebugLog.Count(debugLog, run.WindowStart, run.WindowEnd) : null);
        measured.Print();
        if (settings.KeepLogs)
        {
            Console.WriteLine($"logs kept in {work.FullName}");
        }
        else
        {
            work.Delete(recursive: true);
        }

        return measured.Complete;
    }

    private static async Task<Run> RunAsync(
        Settings settings, AzuriteProcess azurite, LocalHostChild host, IReadOnlyList<byte[]> files, CancellationToken cancellationToken)
    {
        var records = settings.Files * settings.Rows;
        using var api = new HttpClient { BaseAddress = host.BaseUrl };
        // The status route is the operators': the child runs as Development, with the documented operator key.
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorOptions.DevelopmentKey);
        using var metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var ownRequests = new StorageRequestCounter(metrics.GetRequiredService<IMeterFactory>());
        var storage = new StorageClients(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString }), ownRequests);

        var before = await ReadTransactionsAsync(api, cancellationToken);
        var windowStart = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var ids = await UploadAsync(storage, files, cancellationToken);
        var lastUpload = clock.Elapsed;
        Console.WriteLine(Invariant($"uploaded in {lastUpload.TotalSeconds:0.0} s; waiting (at most {settings.MaxWait.TotalSeconds:0} s)"));

        var deadline = lastUpload + settings.MaxWait;
        var register = await WaitUntilRegisteredAsync(api, host, records, clock, deadline, cancellationToken);
        var toRegistered = register.Registered >= records ? clock.Elapsed - lastUpload : (TimeSpan?)null;
        // After a timeout one pass over the statuses shows where the missing records are.
        var completion = toRegistered is null
            ? await ReadStatusesAsync(api, new Completion([], 0, ids, ids.Length), cancellationToken)
            : await WaitUntilCompletedAsync(api, host, ids, clock, deadline, cancellationToken);
        var toCompleted = toRegistered is not null && completion.Pending.Count == 0 ? clock.Elapsed - lastUpload : (TimeSpan?)null;
        var windowEnd = DateTimeOffset.UtcNow;

        var after = await ReadTransactionsAsync(api, cancellationToken);
        var perStatusRead = await MeasureStatusReadAsync(api, ids[0], cancellationToken);
        var statusStorage = completion.StatusCalls * perStatusRead.Values.Sum();
        return new Run(
            records,
            windowStart,
            windowEnd,
            lastUpload,
            toRegistered,
            toCompleted,
            register,
            completion,
            Subtract(after.PerBewerking, before.PerBewerking, perStatusRead, completion.StatusCalls),
            ownRequests.Snapshot().Total + statusStorage,
            statusStorage);
    }

    /// <summary>Drops every file at once, as boards might; returns the delivery ids the service will give them.</summary>
    private static async Task<string[]> UploadAsync(StorageClients storage, IReadOnlyList<byte[]> files, CancellationToken cancellationToken)
    {
        var container = storage.Blobs.GetBlobContainerClient(StorageNames.UploadsContainer);
        return await Task.WhenAll(files.Select(async (content, i) =>
        {
            var path = DeliveryPath.Parse($"{SyntheticTeacherFile.Bestuursnummer}/doorsturen-{i + 1:D3}.csv");
            using var stream = new MemoryStream(content, writable: false);
            var uploaded = await container.GetBlockBlobClient(path.Value).UploadAsync(stream, cancellationToken: cancellationToken);
            return path.DeliveryId(uploaded.Value.ETag.ToString());
        }));
    }

    private static async Task<RegisterCount> WaitUntilRegisteredAsync(
        HttpClient api, LocalHostChild host, int records, Stopwatch clock, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var progress = clock.Elapsed;
        while (true)
        {
            var count = await CountRegisteredAsync(api, cancellationToken);
            if (count.Registered >= records || clock.Elapsed > deadline || host.HasExited)
            {
                return count;
            }

            if (clock.Elapsed - progress > TimeSpan.FromSeconds(10))
            {
                progress = clock.Elapsed;
                Console.WriteLine(Invariant($"  {clock.Elapsed.TotalSeconds,6:0} s  registered {count.Registered:N0} / {records:N0}"));
            }

            await Task.Delay(RegisterPoll, cancellationToken);
        }
    }

    /// <summary>The register simulator's holdings: how many registrations, and the most any was applied.</summary>
    private static async Task<RegisterCount> CountRegisteredAsync(HttpClient api, CancellationToken cancellationToken)
    {
        await using var stream = await api.GetStreamAsync("register/v1/registraties", cancellationToken);
        int registered = 0, mostApplied = 0;
        await foreach (var registration in JsonSerializer.DeserializeAsyncEnumerable<Registration>(stream, JsonSerializerOptions.Web, cancellationToken))
        {
            registered++;
            mostApplied = Math.Max(mostApplied, registration?.Toegepast ?? 0);
        }

        return new RegisterCount(registered, mostApplied);
    }

    /// <summary>Polls the status API, one delivery after the other, until every delivery has a final status.</summary>
    private static async Task<Completion> WaitUntilCompletedAsync(
        HttpClient api, LocalHostChild host, string[] ids, Stopwatch clock, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var completion = new Completion([], 0, ids, ids.Length);
        while (completion.Pending.Count > 0 && clock.Elapsed <= deadline && !host.HasExited)
        {
            completion = await ReadStatusesAsync(api, completion, cancellationToken);
            if (completion.Pending.Count > 0)
            {
                await Task.Delay(StatusPoll, cancellationToken);
            }
        }

        return completion;
    }

    /// <summary>One pass over the deliveries without a final status yet.</summary>
    private static async Task<Completion> ReadStatusesAsync(HttpClient api, Completion so, CancellationToken cancellationToken)
    {
        var final = new List<DeliveryStatusView>(so.Final);
        var pending = new List<string>();
        var calls = so.StatusCalls;
        var unknown = 0;
        foreach (var id in so.Pending)
        {
            calls++;
            using var response = await api.GetAsync($"api/beheer/aanleveringen/{id}", cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                unknown++;
                pending.Add(id);
                continue;
            }

            response.EnsureSuccessStatusCode();
            var status = await response.Content.ReadFromJsonAsync<DeliveryStatusView>(cancellationToken);
            if (status is { Status: not ("ontvangen" or "gevalideerd" or "doorsturen") })
            {
                final.Add(status);
            }
            else
            {
                pending.Add(id);
            }
        }

        return new Completion(final, calls, pending, unknown);
    }

    /// <summary>
    /// What one status read costs in storage requests, per operation, measured once everything is done: the harness's
    /// polling is not the system's cost and is taken out of our clients' figures.
    /// </summary>
    private static async Task<Dictionary<string, long>> MeasureStatusReadAsync(HttpClient api, string id, CancellationToken cancellationToken)
    {
        const int Reads = 5;
        var before = await ReadTransactionsAsync(api, cancellationToken);
        for (var i = 0; i < Reads; i++)
        {
            using var response = await api.GetAsync($"api/beheer/aanleveringen/{id}", cancellationToken);
        }

        var after = await ReadTransactionsAsync(api, cancellationToken);
        // Rounded: a timer's query that happens to fall in between is not a status read's.
        return after.PerBewerking
            .Select(e => (e.Key, PerRead: (long)Math.Round((e.Value - before.PerBewerking.GetValueOrDefault(e.Key)) / (double)Reads)))
            .Where(e => e.PerRead > 0)
            .ToDictionary(e => e.Key, e => e.PerRead, StringComparer.Ordinal);
    }

    private static Dictionary<string, long> Subtract(
        IReadOnlyDictionary<string, long> after, IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> perStatusRead, int statusReads) =>
        after
            .Select(e => (e.Key, Count: e.Value - before.GetValueOrDefault(e.Key) - (statusReads * perStatusRead.GetValueOrDefault(e.Key))))
            .Where(e => e.Count > 0)
            .ToDictionary(e => e.Key, e => e.Count, StringComparer.Ordinal);

    private static async Task<Transactions> ReadTransactionsAsync(HttpClient api, CancellationToken cancellationToken) =>
        await api.GetFromJsonAsync<Transactions>("dev/opslagtransacties", JsonSerializerOptions.Web, cancellationToken)
        ?? throw new InvalidOperationException("GET /dev/opslagtransacties gave no answer.");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Registration(int Toegepast);

    private sealed record Transactions(long Blob, long Queue, long Table, long Totaal, Dictionary<string, long> PerBewerking);

    internal sealed record RegisterCount(int Registered, int MostApplied);

    /// <summary>Where the deliveries stand; <c>Unknown</c> of the pending ones have no status at all (not picked up).</summary>
    internal sealed record Completion(IReadOnlyList<DeliveryStatusView> Final, int StatusCalls, IReadOnlyList<string> Pending, int Unknown);

    /// <summary>
    /// <c>DebugLog</c> off measures the time without the cost of Azurite writing its debug log (it is single-threaded
    /// and the log is large), at the price of the Azurite-seen figures.
    /// </summary>
    internal sealed record Settings(int Files, int Rows, TimeSpan MaxWait, bool KeepLogs, bool DebugLog)
    {
        public static bool TryParse(IReadOnlyList<string> args, out Settings settings, out string error) =>
            new MeasurementOptions<Settings>("doorsturen")
                .Number("--bestanden", 1, 999, (s, n) => s with { Files = n })
                .Number("--regels", 1, 500_000, (s, n) => s with { Rows = n })
                .Number("--max-wachten", 1, 86_400, (s, n) => s with { MaxWait = TimeSpan.FromSeconds(n) })
                .Switch("--zonder-debuglog", s => s with { DebugLog = false })
                .Switch("--bewaar-logs", s => s with { KeepLogs = true })
                .TryParse(args, new Settings(1, 100_000, TimeSpan.FromMinutes(10), KeepLogs: false, DebugLog: true), out settings, out error);
    }

    /// <summary>
    /// What one run measured, before Azurite's log is read. <c>Ours</c>: our clients' requests per operation, the
    /// harness's status reads taken out; <c>Harness</c>: requests of the harness itself, its uploads and the storage
    /// reads behind its status polls (<c>StatusStorage</c>).
    /// </summary>
    private sealed record Run(
        int Records,
        DateTimeOffset WindowStart,
        DateTimeOffset WindowEnd,
        TimeSpan LastUpload,
        TimeSpan? ToRegistered,
        TimeSpan? ToCompleted,
        RegisterCount Register,
        Completion Completion,
        IReadOnlyDictionary<string, long> Ours,
        long Harness,
        long StatusStorage);

    private sealed record Measurement(Settings Settings, Run Run, AzuriteRequests? Seen)
    {
        public bool Complete => Run.ToRegistered is not null && Run.ToCompleted is not null;

        public void Print()
        {
            var (records, lastUpload, toRegistered, toCompleted) = (Run.Records, Run.LastUpload, Run.ToRegistered, Run.ToCompleted);
            var (register, completion, harness, statusStorage) = (Run.Register, Run.Completion, Run.Harness, Run.StatusStorage);
            long Service(string prefix) => Run.Ours.Where(e => e.Key.StartsWith(prefix + " ", StringComparison.Ordinal)).Sum(e => e.Value);
            var (blob, queue, table) = (Service("blob"), Service("queue"), Service("table"));
            var ours = blob + queue + table;

            var registeredRows = completion.Final.Sum(s => s.Aantallen.Geregistreerd);

            Console.WriteLine();
            if (toRegistered is null)
            {
                Console.WriteLine(Invariant($"TIMEOUT: {register.Registered:N0} of {records:N0} records registered after {Settings.MaxWait.TotalSeconds:0} s."));
            }
            else if (toCompleted is null)
            {
                Console.WriteLine(Invariant($"TIMEOUT: all registered, but {completion.Pending.Count} deliveries not afgerond after {Settings.MaxWait.TotalSeconds:0} s."));
            }

            if (completion.Pending.Count > 0)
            {
                Console.WriteLine(Invariant(
                    $"deliveries: {completion.Final.Count} with a final status, {completion.Pending.Count - completion.Unknown} still running, {completion.Unknown} without any status (the blob trigger has not picked the file up)."));
            }

            foreach (var odd in completion.Final.Where(s => s.Status != "afgerond"))
            {
                Console.WriteLine($"unexpected: delivery {odd.Id} ended '{odd.Status}' ({odd.Reden})");
            }

            Console.WriteLine("| figure | value | target | met |");
            Console.WriteLine("|---|---:|---|---|");
            Row("records (files x rows)", Invariant($"{records:N0} ({Settings.Files:N0} x {Settings.Rows:N0})"));
            Row("uploads took", Invariant($"{lastUpload.TotalSeconds:0.0} s"));
            Row("last upload -> all registered", Seconds(toRegistered), "<= 60 s", toRegistered is { } r ? Met(r <= TargetToRegistered) : "no (timeout)");
            Row("last upload -> all afgerond", Seconds(toCompleted));
            Row("registrations held / most applied", Invariant($"{register.Registered:N0} / {register.MostApplied}x"));
            Row("geregistreerd in the status API (final deliveries)", Invariant($"{registeredRows:N0} in {completion.Final.Count} of {Settings.Files} deliveries"));
            Row("our clients: blob / queue / table", Invariant($"{blob:N0} / {queue:N0} / {table:N0}"));
            Row("our clients: total", Invariant($"{ours:N0}"));
            Row("our clients: per record", Invariant($"{(double)ours / records:0.0000}"), "<= 0.05", Met((double)ours / records <= TargetPerRecord));
            if (Seen is not null)
            {
                var system = Seen.InWindow - harness;
                Row("Azurite saw, first upload -> all afgerond", Invariant($"{Seen.InWindow:N0} (blob {Seen.Blob:N0}, queue {Seen.Queue:N0}, table {Seen.Table:N0})"));
                Row("  of which the harness (uploads, status reads)", Invariant($"{harness:N0} ({harness - statusStorage:N0}, {statusStorage:N0} in {completion.StatusCalls:N0} reads)"));
                Row("Azurite saw, system only: total / per record", Invariant($"{system:N0} / {(double)system / records:0.0000}"));
                Row("Azurite saw, whole run incl. start-up", Invariant($"{Seen.Total:N0}"));
            }

            Console.WriteLine();
            Console.WriteLine("our clients per operation (status reads of the harness taken out):");
            foreach (var (operation, count) in Run.Ours.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal))
            {
                Console.WriteLine(Invariant($"  {count,9:N0}  {(double)count / records,8:0.0000}/record  {operation}"));
            }

            if (Seen is null)
            {
                return;
            }

            Console.WriteLine();
            Console.WriteLine("Azurite per operation, first upload -> all afgerond (all clients):");
            foreach (var (operation, count) in Seen.ByOperation.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal))
            {
                Console.WriteLine(Invariant($"  {count,9:N0}  {(double)count / records,8:0.0000}/record  {operation}"));
            }
        }

        private static string Seconds(TimeSpan? elapsed) => elapsed is { } e ? Invariant($"{e.TotalSeconds:0.0} s") : "timeout";

        private static string Met(bool met) => met ? "yes" : "no";

        private static void Row(string figure, string value, string target = "", string met = "") =>
            Console.WriteLine($"| {figure} | {value} | {target} | {met} |");
    }
}
