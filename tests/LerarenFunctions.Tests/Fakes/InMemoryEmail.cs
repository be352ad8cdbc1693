using System.Runtime.CompilerServices;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Email;

namespace LerarenFunctions.Tests.Fakes;

/// <summary>The e-mail queue in memory: outbox ids that become visible after their delay.</summary>
public sealed class InMemoryEmailQueue(TimeProvider time) : IEmailQueue
{
    private readonly DelayedMessages _messages = new(time);

    public int Count => _messages.Count;

    /// <summary>The next this many sends fail, as a host that dies between the outbox row and its queue message.</summary>
    public int FailNext { get; set; }

    public Task EnqueueAsync(string id, CancellationToken cancellationToken, TimeSpan? delay = null)
    {
        if (FailNext > 0)
        {
            FailNext--;
            throw new IOException("The queue could not be reached (test).");
        }

        _messages.Add(id, delay);
        return Task.CompletedTask;
    }

    public IReadOnlyList<string> TakeVisible() => _messages.TakeVisible();
}

/// <summary>
/// Core's outbox in memory, with the adapter's conditions. A message given up without its moment (written so by a test)
/// counts as given up when it was written, on <paramref name="time"/>, as the adapter does.
/// </summary>
public sealed class InMemoryOutboxStore(TimeProvider? time = null) : IOutboxStore
{
    private readonly Dictionary<string, Stored<OutboxMessage>> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _failedAt = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _lock = new();

    public IReadOnlyList<OutboxMessage> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _rows.Values.Select(r => r.Value)];
            }
        }
    }

    public Task<Stored<OutboxMessage>?> GetAsync(string id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_rows.GetValueOrDefault(id));
        }
    }

    public Task<Stored<OutboxMessage>?> TryAddAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_rows.ContainsKey(message.Id))
            {
                return Task.FromResult<Stored<OutboxMessage>?>(null);
            }

            return Task.FromResult<Stored<OutboxMessage>?>(_rows[message.Id] = new Stored<OutboxMessage>(message, Versions.Next()));
        }
    }

    public Task<Stored<OutboxMessage>?> TryReplaceAsync(Stored<OutboxMessage> current, OutboxMessage next, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_rows.TryGetValue(next.Id, out var stored) || stored.Version != current.Version)
            {
                return Task.FromResult<Stored<OutboxMessage>?>(null);
            }

            if (next.Status == OutboxStatus.Mislukt)
            {
                _failedAt[next.Id] = next.FailedAt ?? _time.GetUtcNow();
            }

            return Task.FromResult<Stored<OutboxMessage>?>(_rows[next.Id] = new Stored<OutboxMessage>(next, Versions.Next()));
        }
    }

    public async IAsyncEnumerable<Stored<OutboxMessage>> ListWaitingAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var row in Snapshot().Where(r => !r.Value.IsFinal))
        {
            yield return row;
        }
    }

    public async IAsyncEnumerable<OutboxMessage> ListFailedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var row in Snapshot().Where(r => r.Value.Status == OutboxStatus.Mislukt))
        {
            yield return row.Value;
        }
    }

    /// <summary>As the adapter's index of sent messages gives them: sent at or before the cutoff's second, oldest first.</summary>
    public async IAsyncEnumerable<SentEmail> ListSentBeforeAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var row in Snapshot()
            .Where(r => r.Value is { Status: OutboxStatus.Verzonden, SentAt: { } sent } && Second(sent) <= Second(before))
            .OrderBy(r => Second(r.Value.SentAt!.Value))
            .ThenBy(r => r.Value.Id, StringComparer.Ordinal))
        {
            yield return new SentEmail(row.Value.Id, new DateTimeOffset(Second(row.Value.SentAt!.Value) * TimeSpan.TicksPerSecond, TimeSpan.Zero));
        }
    }

    /// <summary>As the adapter's index of messages given up gives them: given up at or before the cutoff's second, oldest first.</summary>
    public async IAsyncEnumerable<FailedEmail> ListFailedBeforeAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        List<FailedEmail> due;
        lock (_lock)
        {
            due = [.. _failedAt
                .Where(f => Second(f.Value) <= Second(before))
                .OrderBy(f => Second(f.Value))
                .ThenBy(f => f.Key, StringComparer.Ordinal)
                .Select(f => new FailedEmail(f.Key, new DateTimeOffset(Second(f.Value) * TimeSpan.TicksPerSecond, TimeSpan.Zero)))];
        }

        foreach (var failed in due)
        {
            yield return failed;
        }
    }

    public Task DeleteFailedAsync(FailedEmail failed, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _rows.Remove(failed.Id);
            _failedAt.Remove(failed.Id);
        }

        return Task.CompletedTask;
    }

    public Task DeleteSentAsync(SentEmail sent, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _rows.Remove(sent.Id);
        }

        return Task.CompletedTask;
    }

    private static long Second(DateTimeOffset at) => at.UtcTicks / TimeSpan.TicksPerSecond;

    private List<Stored<OutboxMessage>> Snapshot()
    {
        lock (_lock)
        {
            return [.. _rows.Values.OrderBy(r => r.Value.Id, StringComparer.Ordinal)];
        }
    }
}

/// <summary>
/// A mail server for Core's rule tests: keeps what it accepts, refuses on request, and can hold a send until told, to
/// show what two attempts at once do. The tests of the real sender use a real SMTP server.
/// </summary>
public sealed class FakeEmailSender : IEmailSender
{
    private readonly List<EmailMessage> _sent = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<EmailMessage> Sent
    {
        get
        {
            lock (_lock)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>The next this many sends fail as a mail server's refusal.</summary>
    public int RefuseNext { get; set; }

    /// <summary>The next this many sends fail as a refusal for good (a 5xx answer to the recipient).</summary>
    public int RejectNext { get; set; }

    /// <summary>When set, a send waits for it before it is accepted.</summary>
    public TaskCompletionSource? Hold { get; set; }

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        if (Hold is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        lock (_lock)
        {
            if (RejectNext > 0)
            {
                RejectNext--;
                throw new EmailRefusedException(550, permanent: true, "550 5.1.1 mailbox unavailable");
            }

            if (RefuseNext > 0)
            {
                RefuseNext--;
                throw new InvalidOperationException("451 4.3.0 Mail server temporarily unavailable");
            }

            _sent.Add(message);
        }
    }
}
