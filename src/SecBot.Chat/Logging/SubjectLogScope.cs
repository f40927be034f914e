using Microsoft.Extensions.Logging;
using SecBot.Domain.Incidents;
using SecBot.Domain.Reviews;

namespace SecBot.Chat.Logging;

/// <summary>
/// A logging scope naming the incident or gate a piece of work concerns, so every line logged inside it (by SecBot or
/// by the platform clients it calls) carries <c>IncidentId</c> (<c>INC-3</c>) or <c>GateId</c> (<c>REV-7</c>) as a
/// structured property, searchable whatever the message says.
/// </summary>
public static class SubjectLogScope
{
    public const string IncidentIdProperty = "IncidentId";
    public const string GateIdProperty = "GateId";

    private static readonly Func<ILogger, string, IDisposable?> Incident = LoggerMessage.DefineScope<string>("Incident {" + IncidentIdProperty + "}");
    private static readonly Func<ILogger, string, IDisposable?> Gate = LoggerMessage.DefineScope<string>("Gate {" + GateIdProperty + "}");

    /// <summary>The scope for <paramref name="subject"/> (<c>INC-n</c>, <c>REV-n</c>); null for anything else, which names neither.</summary>
    public static IDisposable? Begin(ILogger logger, string? subject)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var id = subject?.Trim().ToUpperInvariant();
        if (id is null) return null;
        if (IsKey(id, IncidentKey.Prefix)) return Incident(logger, id);
        if (IsKey(id, GateKey.Prefix)) return Gate(logger, id);
        return null;
    }

    private static bool IsKey(string id, string prefix) =>
        id.Length > prefix.Length && id.StartsWith(prefix, StringComparison.Ordinal) && !id.AsSpan(prefix.Length).ContainsAnyExceptInRange('0', '9');
}
