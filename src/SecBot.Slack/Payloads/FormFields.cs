using System.Net;

namespace SecBot.Slack.Payloads;

/// <summary>
/// Decodes an <c>application/x-www-form-urlencoded</c> body (slack-protocol.md §2): <c>+</c> is a space and
/// <c>%XX</c> escapes are UTF-8. The first occurrence of a repeated name wins.
/// </summary>
internal static class FormFields
{
    public static Dictionary<string, string> Parse(string body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Decode(pair[(equals + 1)..]);
            fields.TryAdd(name, value);
        }

        return fields;
    }

    private static string Decode(string encoded) => WebUtility.UrlDecode(encoded);
}
