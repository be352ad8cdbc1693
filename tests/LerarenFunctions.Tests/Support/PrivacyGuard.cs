using System.Collections.Concurrent;
using System.Globalization;

namespace LerarenFunctions.Tests.Support;

/// <summary>
/// Searches everything a test captured — log lines, spans, metrics, e-mails, HTTP answers, a process's output, the
/// pages' HTML — for every BSN of its input, whole and without its leading zero (a file may hold an 8-digit BSN,
/// and a number loses its zero when it is parsed as one). A masked BSN (<c>******333</c>) does not match.
/// </summary>
public sealed class PrivacyGuard(IEnumerable<string> bsns)
{
    private readonly string[] _needles = [.. bsns.SelectMany(Forms).Distinct(StringComparer.Ordinal)];
    private readonly ConcurrentQueue<(string Source, string Text)> _captured = new();

    /// <summary>How many pieces of text were added.</summary>
    public int Count => _captured.Count;

    /// <summary>
    /// Adds captured text to search, named by where it came from: the hook for anything a test can read (a page's
    /// HTML, a CSV, a response body, a process's output).
    /// </summary>
    public void AddCapturedText(string source, string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            _captured.Enqueue((source, text));
        }
    }

    public void AddCapturedTexts(string source, IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            AddCapturedText(source, text);
        }
    }

    /// <summary>Each place a BSN was found: the source, the BSN form and the text around it.</summary>
    public IReadOnlyList<string> Findings()
    {
        var findings = new List<string>();
        foreach (var (source, text) in _captured)
        {
            foreach (var needle in _needles)
            {
                for (var at = text.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = text.IndexOf(needle, at + 1, StringComparison.Ordinal))
                {
                    // A longer run of digits is another number (a tick count, a hash): a BSN stands apart from digits.
                    var before = at > 0 && char.IsAsciiDigit(text[at - 1]);
                    var after = at + needle.Length < text.Length && char.IsAsciiDigit(text[at + needle.Length]);
                    if (!before && !after)
                    {
                        var start = Math.Max(0, at - 60);
                        var context = text.Substring(start, Math.Min(text.Length - start, needle.Length + 120)).ReplaceLineEndings(" ");
                        findings.Add(string.Create(CultureInfo.InvariantCulture, $"{source}: {needle} in \"{context}\""));
                    }
                }
            }
        }

        return findings;
    }

    /// <summary>Fails with every finding.</summary>
    public void AssertClean()
    {
        Assert.False(_captured.IsEmpty, "Nothing was captured to search.");
        var findings = Findings();
        Assert.True(findings.Count == 0, $"A BSN of the input was found {findings.Count} times:{Environment.NewLine}{string.Join(Environment.NewLine, findings.Take(20))}");
    }

    /// <summary>The forms to look for: the nine digits, and the eight without a leading zero.</summary>
    private static IEnumerable<string> Forms(string bsn)
    {
        yield return bsn;
        if (bsn.Length == 9 && bsn[0] == '0')
        {
            yield return bsn[1..];
        }
    }
}
