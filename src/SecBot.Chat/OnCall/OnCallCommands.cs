using System.Globalization;
using SecBot.Chat.Cards;
using SecBot.Chat.Commands;
using SecBot.Chat.Conversation;
using SecBot.Chat.Delivery;
using SecBot.Chat.Parsing;
using SecBot.Domain.Policy;
using SecBot.Domain.Roster;
using SecBot.Storage;
using SecBot.Storage.Roster;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Chat.OnCall;

/// <summary><c>oncall [role]</c> and <c>cover &lt;role&gt; &lt;from&gt; &lt;to&gt; [@person]</c>.</summary>
public sealed class OnCallCommands(IStore store, OverrideRepository overrides, RosterModel roster, OutboxWriter outbox, PersonDirectory people, TimeProvider time)
{
    public async Task<ChatReply> WhoIsOnCallAsync(string? role, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var resolver = new OnCallResolver(roster, await overrides.ListOverlappingAsync(now, DateTimeOffset.MaxValue, cancellationToken));
        var results = role is null
            ? resolver.WhoIsOnCall(now)
            : [resolver.Resolve(new PageTarget(PageTargetKind.Role, role), now)];
        var facts = results.Select(r => new CardFact(Describe(r.Target), Who(r))).ToList();
        var card = new Card { Title = role is null ? "On call now" : $"On call for {role}", Facts = facts };
        return ChatReply.Private(string.Join('\n', facts.Select(f => $"{f.Label}: {f.Value}")), card);
    }

    public Task<ChatReply> CoverAsync(Person caller, CoverCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(command);
        var coverer = command.Person is null ? caller : people.Find(command.Person);
        if (coverer is null) return Task.FromResult(ChatReply.Refusal($"I can't find {Written(command.Person!)} on the roster.", "cover <role> <from> <to> [@person]"));

        var request = new CoverRequest(command.Role, coverer.Id, InstantOf(command.From), InstantOf(command.To), caller.Id);
        return store.WriteAsync(
            async transaction =>
            {
                if (CoverRules.Refusal(roster, request, transaction.Now) is { } refusal) return ChatReply.Refusal(refusal, "cover <role> <from> <to> [@person]");

                var cover = await overrides.AddAsync(transaction, CoverRules.Target(request), request.PersonId, request.From, request.To, caller.Id);
                var text = $"{coverer.Name} covers {request.RoleId} from {Local(cover.From)} to {Local(cover.To)} (set by {caller.Name}).";
                await outbox.EnqueueAsync(transaction, new OutboundMessage(Recipient.IncidentsChannel, new Card { Title = "On-call cover", Text = text, Mentions = [coverer.Id] }));
                if (!string.Equals(coverer.Id, caller.Id, StringComparison.OrdinalIgnoreCase))
                {
                    await outbox.EnqueueAsync(transaction, new OutboundMessage(Recipient.Person(coverer.Id), new Card { Title = "You are on call", Text = text }));
                }

                return ChatReply.Private(text);
            },
            cancellationToken);
    }

    /// <summary>A person as the caller wrote them, for a reply (not the record's debug form).</summary>
    private static string Written(PersonReference person) => person switch
    {
        SlackUserReference slack => $"<@{slack.UserId}>",
        TeamsMentionReference teams => TextShape.Echo(teams.DisplayName),
        PersonNameReference typed => TextShape.Echo(typed.Name),
        _ => "that person",
    };

    private DateTimeOffset InstantOf(StatedTime time) => time.Instant ?? roster.InstantOf(time.WallClock);

    private string Local(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, roster.TimeZone).ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);

    private string Describe(PageTarget target) =>
        target.Kind == PageTargetKind.Rotation
            ? roster.RotationById(target.Id) is { } rotation && rotation.Name.Length > 0 ? rotation.Name : $"rotation {target.Id}"
            : roster.RoleById(target.Id)?.Name ?? target.Id;

    private string Who(OnCallResult result)
    {
        var names = result.IsEmpty ? "nobody" : string.Join(", ", result.People.Select(p => p.Name));
        var until = result.Until is { } end ? $" until {Local(end)}" : "";
        var note = result.Source switch
        {
            OnCallSource.Override => " (cover)",
            OnCallSource.ManagerFallback or OnCallSource.Nobody => $" ({result.Reason})",
            _ => "",
        };
        return names + until + note;
    }
}
