using System.Text.Json;
using SecBot.Domain.Policy;
using SecBot.Domain.Reviews;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Host.GateApi;

/// <summary>Reads a gate into its <see cref="GateResource"/> against the policy that gives it its stages and seats.</summary>
public sealed class GateResources(ReviewPolicy policy, RosterModel roster)
{
    private static readonly StringComparer Ids = StringComparer.OrdinalIgnoreCase;

    public const string Open = "open";
    public const string Approved = "approved";
    public const string ChangesRequested = "changes-requested";

    public static string StateOf(GateState state) => state switch
    {
        GateState.Approved => Approved,
        GateState.ChangesRequested => ChangesRequested,
        _ => Open,
    };

    /// <param name="url">The gate's address in the API (<c>…/api/gates/REV-n</c>).</param>
    public GateResource Of(Gate gate, string url)
    {
        ArgumentNullException.ThrowIfNull(gate);
        var view = GateView.Of(gate, policy, roster);
        var seats = view is null ? [] : SeatsOf(view);
        return new GateResource(gate.Key, gate.Type, gate.Title, StateOf(gate.State), gate.Revision, gate.StageNumber, seats, url);
    }

    /// <summary>The JSON bytes of <see cref="Of"/>: what GET answers, what the callback carries, and what a wait compares.</summary>
    public byte[] JsonOf(Gate gate, string url) => JsonSerializer.SerializeToUtf8Bytes(Of(gate, url), GateApiJsonContext.Default.GateResource);

    private static List<SeatResource> SeatsOf(GateView view)
    {
        var seats = new List<SeatResource>();
        var signOffs = view.Gate.CurrentSignOffs.ToList();
        var optionalListed = new HashSet<string>(Ids);
        for (var stage = 1; stage <= view.Type.Stages.Count; stage++)
        {
            var options = view.StageAt(stage);
            foreach (var seat in options.Required)
            {
                // The latest word on the seat at this stage: an approval or override fills it, a rejection sends the revision back.
                var signed = signOffs.LastOrDefault(s => s.StageNumber == stage && !s.IsOptionalSeat && Ids.Equals(s.SeatId, seat)
                    && s.Decision is SignOffDecision.Approve or SignOffDecision.Override or SignOffDecision.Reject);
                seats.Add(Seat(seat, required: true, stage, signed));
            }

            // Optional reviewers may speak at any stage: each optional seat is listed once, at the first stage naming it.
            foreach (var seat in options.Optional.Where(optionalListed.Add))
            {
                seats.Add(Seat(seat, required: false, stage, signOffs.LastOrDefault(s => s.IsOptionalSeat && Ids.Equals(s.SeatId, seat))));
            }
        }

        return seats;
    }

    private static SeatResource Seat(string seat, bool required, int stage, SignOff? signed) =>
        new(seat, required, stage, signed?.PersonId, signed is null ? null : LedgerDecisions.Of(signed.Decision));
}
