using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using LerarenFunctions.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LerarenFunctions.Tests.Support;

/// <summary>
/// Everything a host's OpenTelemetry exports, kept in memory (OpenTelemetry.Exporter.InMemory): spans, metrics and log
/// records, as the exporters to Application Insights or OTLP would get them. Add it to a host's services with
/// <see cref="AddTo"/>; spans of the process's other hosts may be captured too (an ActivitySource is process-wide).
/// </summary>
public sealed class TelemetryCapture
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly List<MetricSnapshot> _metrics = [];
    private readonly List<LogRecord> _logs = [];

    public IReadOnlyCollection<Activity> Spans => _spans;

    /// <summary>Adds the in-memory exporters to the host's tracer, meter and logger providers.</summary>
    public void AddTo(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(new QueueCollection<Activity>(_spans)));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(new LockedCollection<MetricSnapshot>(_metrics)));
        services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddInMemoryExporter(new LockedCollection<LogRecord>(_logs)));
    }

    /// <summary>The spans of one delivery: those tagged with its id.</summary>
    public IReadOnlyList<Activity> SpansOf(string deliveryId) =>
        [.. _spans.Where(s => Equals(s.GetTagItem(LerarenTelemetry.DeliveryIdTag), deliveryId))];

    /// <summary>Each exported log record as text: category, message, template, attributes and scopes.</summary>
    public IReadOnlyList<string> LogTexts()
    {
        lock (_logs)
        {
            return [.. _logs.Select(Render)];
        }
    }

    /// <summary>The metrics exported so far (call the host's MeterProvider.ForceFlush first), as text: names, descriptions, point tags.</summary>
    public IReadOnlyList<string> MetricTexts()
    {
        lock (_metrics)
        {
            return [.. _metrics.Select(m => $"{m.Name} {m.Description} {m.Unit} {string.Join(" ", m.MetricPoints.Select(Tags))}")];
        }
    }

    /// <summary>Each span as text: its name, status, tags, events, links and baggage.</summary>
    public IReadOnlyList<string> SpanTexts() => [.. _spans.Select(Render)];

    public static string Render(Activity span)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{span.Source.Name} {span.DisplayName} {span.OperationName} {span.Status} {span.StatusDescription}");
        foreach (var (key, value) in span.TagObjects)
        {
            text.Append(CultureInfo.InvariantCulture, $" | {key}={value}");
        }

        foreach (var e in span.Events)
        {
            text.Append(CultureInfo.InvariantCulture, $" | event {e.Name}");
            foreach (var (key, value) in e.Tags)
            {
                text.Append(CultureInfo.InvariantCulture, $" {key}={value}");
            }
        }

        foreach (var link in span.Links)
        {
            text.Append(CultureInfo.InvariantCulture, $" | link {link.Context.TraceId}");
        }

        foreach (var (key, value) in span.Baggage)
        {
            text.Append(CultureInfo.InvariantCulture, $" | baggage {key}={value}");
        }

        return text.ToString();
    }

    private static string Render(LogRecord log)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{log.LogLevel} {log.CategoryName}: {log.FormattedMessage} [{log.Body}] {log.Exception}");
        foreach (var (key, value) in log.Attributes ?? [])
        {
            text.Append(CultureInfo.InvariantCulture, $" | {key}={value}");
        }

        log.ForEachScope(
            (scope, builder) =>
            {
                foreach (var (key, value) in scope)
                {
                    builder.Append(CultureInfo.InvariantCulture, $" | scope {key}={value}");
                }
            },
            text);
        return text.ToString();
    }

    private static string Tags(MetricPoint point)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in point.Tags)
        {
            text.Append(CultureInfo.InvariantCulture, $"{key}={value};");
        }

        return text.ToString();
    }

    /// <summary>A collection the exporters may add to from any thread.</summary>
    private sealed class LockedCollection<T>(List<T> items) : ICollection<T>
    {
        public int Count
        {
            get
            {
                lock (items)
                {
                    return items.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public void Add(T item)
        {
            lock (items)
            {
                items.Add(item);
            }
        }

        public void Clear()
        {
            lock (items)
            {
                items.Clear();
            }
        }

        public bool Contains(T item)
        {
            lock (items)
            {
                return items.Contains(item);
            }
        }

        public void CopyTo(T[] array, int arrayIndex)
        {
            lock (items)
            {
                items.CopyTo(array, arrayIndex);
            }
        }

        public bool Remove(T item)
        {
            lock (items)
            {
                return items.Remove(item);
            }
        }

        public IEnumerator<T> GetEnumerator()
        {
            lock (items)
            {
                return items.ToList().GetEnumerator();
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>A concurrent queue seen as a collection, for the span exporter.</summary>
    private sealed class QueueCollection<T>(ConcurrentQueue<T> items) : ICollection<T>
    {
        public int Count => items.Count;

        public bool IsReadOnly => false;

        public void Add(T item) => items.Enqueue(item);

        public void Clear() => items.Clear();

        public bool Contains(T item) => items.Contains(item);

        public void CopyTo(T[] array, int arrayIndex) => items.CopyTo(array, arrayIndex);

        public bool Remove(T item) => throw new NotSupportedException();

        public IEnumerator<T> GetEnumerator() => items.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
