using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LerarenFunctions.Tests.Support;

/// <summary>
/// The requests of a <c>.http</c> file as editors run them: <c>@name = value</c> variables, requests separated by
/// <c>###</c>, <c># @name</c> for a request whose answer later requests use as
/// <c>{{name.response.body.$.property}}</c>, headers up to the first empty line, then the body.
/// </summary>
public sealed partial class HttpFile
{
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonNode?> _answers = new(StringComparer.Ordinal);

    private HttpFile(IReadOnlyList<HttpFileRequest> requests) => Requests = requests;

    public IReadOnlyList<HttpFileRequest> Requests { get; }

    public static HttpFile Parse(string text)
    {
        var requests = new List<HttpFileRequest>();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var block in Regex.Split(text.ReplaceLineEndings("\n"), @"^###.*$", RegexOptions.Multiline))
        {
            string? name = null;
            string? requestLine = null;
            var headers = new List<(string, string)>();
            var body = new StringBuilder();
            var inBody = false;
            foreach (var line in block.Split('\n'))
            {
                if (inBody)
                {
                    body.Append(line).Append('\n');
                }
                else if (requestLine is null)
                {
                    if (VariableLine().Match(line) is { Success: true } variable)
                    {
                        variables[variable.Groups[1].Value] = variable.Groups[2].Value.Trim();
                    }
                    else if (NameLine().Match(line) is { Success: true } named)
                    {
                        name = named.Groups[1].Value;
                    }
                    else if (line.Length > 0 && !line.StartsWith('#') && !line.StartsWith("//", StringComparison.Ordinal))
                    {
                        requestLine = line.Trim();
                    }
                }
                else if (line.Trim().Length == 0)
                {
                    inBody = true;
                }
                else
                {
                    var colon = line.IndexOf(':', StringComparison.Ordinal);
                    headers.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
                }
            }

            if (requestLine is not null)
            {
                var parts = requestLine.Split(' ', 2);
                var content = body.ToString().TrimEnd('\n');
                requests.Add(new HttpFileRequest(name, parts[0], parts[1].Trim(), headers, content.Length == 0 ? null : content + "\n"));
            }
        }

        var file = new HttpFile(requests);
        foreach (var (key, value) in variables)
        {
            file._variables[key] = value;
        }

        return file;
    }

    /// <summary>Overrides a file variable, such as the host.</summary>
    public void Set(string variable, string value) => _variables[variable] = value;

    /// <summary>The request as it is sent, with every variable replaced; throws for a variable nothing defines.</summary>
    public HttpRequestMessage ToMessage(HttpFileRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = new HttpRequestMessage(new HttpMethod(request.Method), Resolve(request.Url));
        string? contentType = null;
        foreach (var (header, value) in request.Headers)
        {
            if (header.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = Resolve(value);
            }
            else
            {
                message.Headers.TryAddWithoutValidation(header, Resolve(value));
            }
        }

        if (request.Body is { } body)
        {
            message.Content = new StringContent(Resolve(body), Encoding.UTF8);
            message.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType ?? "text/plain");
        }

        return message;
    }

    /// <summary>Keeps the answer of a named request for the requests after it.</summary>
    public void Remember(HttpFileRequest request, string answer)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Name is { } name)
        {
            _answers[name] = answer.Length == 0 ? null : JsonNode.Parse(answer);
        }
    }

    private string Resolve(string text) => Reference().Replace(text, match =>
    {
        var expression = match.Groups[1].Value.Trim();
        if (_variables.TryGetValue(expression, out var value))
        {
            return Resolve(value);
        }

        if (ResponseReference().Match(expression) is { Success: true } reference
            && _answers.TryGetValue(reference.Groups[1].Value, out var answer)
            && answer?[reference.Groups[2].Value] is { } property)
        {
            return property.GetValue<string>();
        }

        throw new InvalidOperationException($"Nothing defines {{{{{expression}}}}} before it is used.");
    });

    [GeneratedRegex(@"^@([A-Za-z0-9_]+)\s*=\s*(.*)$")]
    private static partial Regex VariableLine();

    [GeneratedRegex(@"^#\s*@name\s+(\S+)")]
    private static partial Regex NameLine();

    [GeneratedRegex(@"\{\{(.+?)\}\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^([A-Za-z0-9_]+)\.response\.body\.\$\.([A-Za-z0-9_]+)$")]
    private static partial Regex ResponseReference();
}

/// <summary>One request of a <c>.http</c> file, with its variables still in it.</summary>
public sealed record HttpFileRequest(string? Name, string Method, string Url, IReadOnlyList<(string Name, string Value)> Headers, string? Body)
{
    public override string ToString() => $"{Method} {Url}";
}
