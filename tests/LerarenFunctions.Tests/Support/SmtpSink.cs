using System.Buffers;
using System.Net;
using LerarenFunctions.Infrastructure.Email;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServerResponse = SmtpServer.Protocol.SmtpResponse;

namespace LerarenFunctions.Tests.Support;

/// <summary>
/// An SMTP server in the test process that keeps every message it accepts, parsed. It binds port 0 and reads back the
/// port it got, so sinks of tests running in parallel never race for a port.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly List<MimeMessage> _messages = [];
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _running = Task.CompletedTask;
    private int _toRefuse;
    private int _toRejectForGood;
    private int _refused;

    private SmtpSink()
    {
    }

    public const string Host = "127.0.0.1";

    public int Port { get; private set; }

    /// <summary>The messages accepted so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>How many messages were refused with 451 so far.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Options for <see cref="SmtpEmailSender"/> that send to this sink.</summary>
    public EmailOptions EmailOptions(string fromAddress = "lerarenregister@voorbeeld.example") => new()
    {
        Host = Host,
        Port = Port,
        Security = EmailSecurity.None,
        FromAddress = fromAddress,
        Timeout = TimeSpan.FromSeconds(10),
    };

    public static async Task<SmtpSink> StartAsync()
    {
        var sink = new SmtpSink();
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);

        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp-sink.test")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)))
            .Build();
        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(sink));

        var server = new SmtpServer.SmtpServer(options, services);
        sink._running = server.StartAsync(sink._stop.Token);

        // The server binds when it starts listening; a failure to bind ends the running task instead.
        var first = await Task.WhenAny(started.Task, sink._running).WaitAsync(TimeSpan.FromSeconds(10));
        if (first != started.Task)
        {
            await sink.DisposeAsync();
            await first;
            throw new InvalidOperationException("The SMTP sink stopped before it listened.");
        }

        sink.Port = await started.Task;
        return sink;
    }

    /// <summary>Answers the next <paramref name="count"/> messages with 451 (a transient error) instead of keeping them.</summary>
    public void RefuseNext(int count) => Interlocked.Add(ref _toRefuse, count);

    /// <summary>Answers the next <paramref name="count"/> messages with 554 (refused for good) instead of keeping them.</summary>
    public void RejectNext(int count) => Interlocked.Add(ref _toRejectForGood, count);

    /// <summary>
    /// Waits until <paramref name="condition"/> holds for the messages received, and returns them; throws
    /// <see cref="TimeoutException"/> with what did arrive when it does not within <paramref name="timeout"/>.
    /// </summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(Func<IReadOnlyList<MimeMessage>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            IReadOnlyList<MimeMessage> messages;
            Task changed;
            lock (_messages)
            {
                messages = [.. _messages];
                changed = _changed.Task;
            }

            if (condition(messages))
            {
                return messages;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                var subjects = string.Join(", ", messages.Select(m => $"'{m.Subject}'"));
                throw new TimeoutException($"The SMTP sink did not receive the expected messages within {timeout}; it has {messages.Count}: {subjects}");
            }

            try
            {
                await changed.WaitAsync(left);
            }
            catch (TimeoutException)
            {
                // Checked once more above, then reported with what arrived.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // How the server stops.
        }

        _stop.Dispose();
        lock (_messages)
        {
            _messages.ForEach(m => m.Dispose());
        }
    }

    private static bool TryTake(ref int counter, ref int refused)
    {
        while (true)
        {
            var left = Volatile.Read(ref counter);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, left - 1, left) == left)
            {
                Interlocked.Increment(ref refused);
                return true;
            }
        }
    }

    private void Add(MimeMessage message)
    {
        TaskCompletionSource changed;
        lock (_messages)
        {
            _messages.Add(message);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.SetResult();
    }

    private sealed class Store(SmtpSink sink) : IMessageStore
    {
        public async Task<SmtpServerResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var recipientOf = transaction.To.Count > 0 ? transaction.To[0].AsAddress() : "onbekend";
            if (TryTake(ref sink._toRejectForGood, ref sink._refused))
            {
                // 554: the transaction failed for good (a policy or content refusal); sending it again changes nothing.
                return new SmtpServerResponse(SmtpReplyCode.TransactionFailed, $"5.7.1 <{recipientOf}>: bericht geweigerd");
            }

            if (TryTake(ref sink._toRefuse, ref sink._refused))
            {
                // 451: "local error in processing", the answer a relay gives when it is throttling or busy.
                // Like many servers it names the recipient, which the sender must not pass on in full.
                return new SmtpServerResponse(SmtpReplyCode.Aborted, $"4.3.0 <{recipientOf}>: tijdelijk niet beschikbaar, probeer het later opnieuw");
            }

            using var stream = new MemoryStream(buffer.ToArray());
            sink.Add(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpServerResponse.Ok;
        }
    }
}
