using System.Text.Json.Nodes;

namespace LerarenFunctions.Tests.Infra;

/// <summary>One call in a template expression: where it starts and ends in the text, and its arguments as written.</summary>
internal sealed record ArmCall(int Start, int End, IReadOnlyList<string> Arguments);

/// <summary>
/// Just enough of the ARM template expression language to read what <c>bicep build</c> writes: a string in brackets is
/// an expression, strings in it are quoted with <c>'</c> (doubled inside), and calls nest. No evaluation: the checks
/// only follow references to variables and parameters and read literal arguments.
/// </summary>
internal static class ArmExpression
{
    /// <summary>Whether <paramref name="node"/> is an expression string (<c>[...]</c>, not the escaped <c>[[...</c>), and its text without brackets.</summary>
    public static bool TryInner(JsonNode? node, out string inner)
    {
        inner = string.Empty;
        if (node is not JsonValue value || !value.TryGetValue<string>(out var text) || !IsExpression(text))
        {
            return false;
        }

        inner = text[1..^1].Trim();
        return true;
    }

    public static bool IsExpression(string text) =>
        text.Length >= 2 && text[0] == '[' && text[^1] == ']' && !text.StartsWith("[[", StringComparison.Ordinal);

    /// <summary>The string an argument such as <c>'it''s'</c> stands for, or null when it is no string literal.</summary>
    public static string? Literal(string argument)
    {
        var text = argument.Trim();
        return text.Length >= 2 && text[0] == '\'' && text[^1] == '\'' && Arguments($"({text})", 0, out _).Count == 1
            ? text[1..^1].Replace("''", "'", StringComparison.Ordinal)
            : null;
    }

    /// <summary>Every call of <paramref name="function"/> in <paramref name="text"/>, outside string literals, nested ones included.</summary>
    public static IEnumerable<ArmCall> Calls(string text, string function)
    {
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\'')
            {
                // A quote inside a string is doubled: it closes and opens again.
                quoted = !quoted;
                continue;
            }

            if (quoted
                || i + function.Length >= text.Length
                || text[i + function.Length] != '('
                || string.Compare(text, i, function, 0, function.Length, StringComparison.OrdinalIgnoreCase) != 0
                || (i > 0 && (char.IsAsciiLetterOrDigit(text[i - 1]) || text[i - 1] == '_')))
            {
                continue;
            }

            var arguments = Arguments(text, i + function.Length, out var close);
            yield return new ArmCall(i, close + 1, arguments);
        }
    }

    /// <summary>The arguments of the call whose opening parenthesis is at <paramref name="open"/>, split at its own commas.</summary>
    public static IReadOnlyList<string> Arguments(string text, int open, out int close)
    {
        var arguments = new List<string>();
        var (depth, quoted, start) = (0, false, open + 1);
        for (var i = open + 1; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\'':
                    quoted = !quoted;
                    break;
                case '(' or '[' when !quoted:
                    depth++;
                    break;
                case ')' when !quoted && depth == 0:
                    var last = text[start..i].Trim();
                    if (last.Length > 0 || arguments.Count > 0)
                    {
                        arguments.Add(last);
                    }

                    close = i;
                    return arguments;
                case ')' or ']' when !quoted:
                    depth--;
                    break;
                case ',' when !quoted && depth == 0:
                    arguments.Add(text[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        throw new InvalidOperationException($"Unbalanced template expression: {text[open..]}");
    }

    /// <summary>
    /// The argument that holds a resource's own name (the last segment): the literal's last part, or the argument the
    /// name's <c>format('{0}/{1}/{2}', ...)</c> puts last. Null when the name has another shape.
    /// </summary>
    public static string? LastNameSegment(string name)
    {
        if (!IsExpression(name))
        {
            return $"'{name.Split('/')[^1].Replace("'", "''", StringComparison.Ordinal)}'";
        }

        var inner = name[1..^1].Trim();
        if (!inner.StartsWith("format(", StringComparison.OrdinalIgnoreCase))
        {
            return inner;
        }

        var arguments = Arguments(inner, "format".Length, out _);
        var pattern = Literal(arguments[0]) ?? string.Empty;
        var slash = pattern.LastIndexOf('/');
        var last = slash < 0 ? pattern : pattern[(slash + 1)..];
        if (last.Length > 0 && last[0] != '{')
        {
            return $"'{last}'";
        }

        return last.Length > 2 && int.TryParse(last[1..^1], out var index) && index + 1 < arguments.Count ? arguments[index + 1] : null;
    }
}
