using System.Net;
using System.Text;

namespace LerarenFunctions.Core.Email;

/// <summary>
/// One e-mail's content, written once and rendered twice: plain text and simple HTML (one column, readable on a
/// phone), both ending with the support block. Every value is HTML-encoded; no template engine is needed for this.
/// </summary>
public sealed class EmailBody
{
    private readonly List<(string Text, bool IsList)> _blocks = [];

    public EmailBody Paragraph(string text)
    {
        _blocks.Add((text, false));
        return this;
    }

    /// <summary>A short list of facts ("Status: afgerond").</summary>
    public EmailBody Facts(params string[] lines)
    {
        _blocks.Add((string.Join('\n', lines), true));
        return this;
    }

    public (string Text, string Html) Render(SupportOptions support)
    {
        ArgumentNullException.ThrowIfNull(support);
        var supportLines = new[]
        {
            $"Vragen? Neem contact op met de {support.Helpdesk}"
                + (string.IsNullOrWhiteSpace(support.Telefoon) ? "" : $", telefoon {support.Telefoon}")
                + (string.IsNullOrWhiteSpace(support.Email) ? "" : $", e-mail {support.Email}") + ".",
            support.Sectorraad ?? "",
        }.Where(l => !string.IsNullOrWhiteSpace(l)).ToList();

        var text = new StringBuilder();
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>")
            .Append("<body style=\"font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 600px; margin: 0 auto; padding: 16px;\">");
        foreach (var (block, isList) in _blocks)
        {
            text.Append(isList ? string.Join('\n', block.Split('\n').Select(l => "- " + l)) : block).Append("\n\n");
            html.Append(isList
                ? "<ul>" + string.Concat(block.Split('\n').Select(l => $"<li>{WebUtility.HtmlEncode(l)}</li>")) + "</ul>"
                : $"<p>{WebUtility.HtmlEncode(block)}</p>");
        }

        text.Append("--\n").Append(string.Join('\n', supportLines)).Append('\n');
        html.Append("<hr><p style=\"font-size: 14px; color: #444;\">")
            .Append(string.Join("<br>", supportLines.Select(WebUtility.HtmlEncode)))
            .Append("</p></body></html>");
        return (text.ToString(), html.ToString());
    }
}
