using System.Net;
using System.Text;

namespace SecBot.Host.WebConsole;

/// <summary>
/// The frame every web console page shares: the document head, the navigation between Chat, Board and Numbers, and the
/// one stylesheet. Everything a page puts in it is HTML already encoded by the page (<see cref="Encode"/>); nothing is
/// loaded from another host, so the console works with no network.
/// </summary>
public static class ConsolePage
{
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A whole page: <paramref name="bodyHtml"/> inside the shared frame, <paramref name="script"/> (JavaScript, not encoded) at the end.</summary>
    public static string Render(string title, string current, string bodyHtml, string? script = null)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Encode(title)).Append(" · SecBot</title><style>").Append(Style).Append("</style></head><body>")
            .Append("<nav>");
        foreach (var (label, path) in Sections)
        {
            html.Append("<a href=\"").Append(path).Append('"').Append(label == current ? " aria-current=\"page\"" : "").Append('>').Append(label).Append("</a>");
        }

        html.Append("</nav><main>").Append(bodyHtml).Append("</main>");
        if (script is not null) html.Append("<script>").Append(script).Append("</script>");
        return html.Append("</body></html>").ToString();
    }

    public static IResult Result(string title, string current, string bodyHtml, string? script = null) =>
        Results.Content(Render(title, current, bodyHtml, script), "text/html; charset=utf-8");

    private static readonly (string Label, string Path)[] Sections = [("Chat", "/"), ("Board", "/board"), ("Numbers", "/numbers")];

    private const string Style = """
        :root{color-scheme:light dark;--fg:#1d1d1f;--muted:#6b6b70;--bg:#fafafa;--card:#fff;--line:#d8d8dc;--attention:#c62828;--good:#2e7d32;--warning:#b26a00;--accent:#1f5fbf}
        @media (prefers-color-scheme:dark){:root{--fg:#ececef;--muted:#a0a0a8;--bg:#18181b;--card:#232326;--line:#3a3a40;--accent:#6ea8ff}}
        *{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
        nav{display:flex;gap:1rem;padding:.6rem 1rem;border-bottom:1px solid var(--line);background:var(--card)}
        nav a{color:var(--accent);text-decoration:none;font-weight:600}nav a[aria-current=page]{color:var(--fg)}
        main{padding:1rem;max-width:1200px;margin:0 auto}
        table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
        .card{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--line);border-radius:6px;padding:.6rem .8rem;margin:.5rem 0}
        .card.attention{border-left-color:var(--attention)}.card.good{border-left-color:var(--good)}.card.warning{border-left-color:var(--warning)}
        .muted{color:var(--muted)}button{font:inherit;padding:.3rem .8rem;border-radius:4px;border:1px solid var(--line);background:var(--card);color:var(--fg);cursor:pointer}
        button.primary{background:var(--accent);color:#fff;border-color:var(--accent)}button.danger{color:var(--attention);border-color:var(--attention)}
        input,select,textarea{font:inherit;padding:.3rem;border:1px solid var(--line);border-radius:4px;background:var(--card);color:var(--fg)}
        @media (max-width:700px){main{padding:.5rem}table,thead,tbody,tr,td,th{display:block}thead{display:none}td{border:0;padding:.15rem .3rem}tr{border-bottom:1px solid var(--line);padding:.4rem 0}}
        """;
}
