namespace SecBot.Domain.Reviews;

public enum GateState
{
    Open,
    ChangesRequested,
    Approved,
}
