using SecBot.Domain.Incidents;

namespace SecBot.Storage.Incidents;

/// <summary>The state column's spelling (<c>open</c>, <c>acknowledged</c>, <c>resolved</c>).</summary>
internal static class IncidentStates
{
    public static string Format(IncidentState state) => state switch
    {
        IncidentState.Open => "open",
        IncidentState.Acknowledged => "acknowledged",
        IncidentState.Resolved => "resolved",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static IncidentState Parse(string state) => state switch
    {
        "open" => IncidentState.Open,
        "acknowledged" => IncidentState.Acknowledged,
        "resolved" => IncidentState.Resolved,
        _ => throw new InvalidDataException($"unknown incident state '{state}'"),
    };
}
