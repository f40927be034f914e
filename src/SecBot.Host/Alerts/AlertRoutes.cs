using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SecBot.Chat.Alerts;
using SecBot.Domain.Incidents;

namespace SecBot.Host.Alerts;

/// <summary>The configured routing keys: which one a request names (compared in constant time), and where it routes.</summary>
internal sealed class AlertRoutes
{
    private readonly List<(byte[] Key, string KeySpace, string Type, string Level)> _routes;

    public AlertRoutes(IOptions<AlertOptions> options, EscalationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(policy);
        _routes = [.. options.Value.RoutingKeys.Select(r => (
            Encoding.UTF8.GetBytes(r.Key),
            KeySpaceOf(r.Key),
            policy.FindType(r.Value.Type)!.Id,
            policy.Level(string.IsNullOrWhiteSpace(r.Value.Level) ? policy.FindType(r.Value.Type)!.StartLevel : r.Value.Level).Name))];
    }

    /// <summary>The route of <paramref name="routingKey"/> with alerts recorded as done by <paramref name="sourceName"/>; null when it is not configured.</summary>
    public AlertRoute? Find(string? routingKey, string sourceName)
    {
        if (string.IsNullOrEmpty(routingKey)) return null;
        var given = Encoding.UTF8.GetBytes(routingKey);
        var found = -1;
        for (var i = 0; i < _routes.Count; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(given, _routes[i].Key)) found = i;
        }

        if (found < 0) return null;
        var route = _routes[found];
        return new AlertRoute(route.KeySpace, new AlertSource(sourceName), route.Type, route.Level);
    }

    /// <summary>Names a routing key's dedup keys in the database without storing the key: the start of its SHA-256.</summary>
    public static string KeySpaceOf(string routingKey) =>
        "rk-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(routingKey)))[..16];
}
