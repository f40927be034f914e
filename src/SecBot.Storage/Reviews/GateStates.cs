using SecBot.Domain.Reviews;

namespace SecBot.Storage.Reviews;

/// <summary>The gates.state column's spelling (<c>open</c>, <c>changes-requested</c>, <c>approved</c>).</summary>
internal static class GateStates
{
    public const string Open = "open";
    public const string ChangesRequested = "changes-requested";
    public const string Approved = "approved";

    public static string Format(GateState state) => state switch
    {
        GateState.Open => Open,
        GateState.ChangesRequested => ChangesRequested,
        GateState.Approved => Approved,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static GateState Parse(string state) => state switch
    {
        Open => GateState.Open,
        ChangesRequested => GateState.ChangesRequested,
        Approved => GateState.Approved,
        _ => throw new InvalidDataException($"unknown gate state '{state}'"),
    };
}
