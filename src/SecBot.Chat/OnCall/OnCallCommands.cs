using SecBot.Chat.Cards;
using SecBot.Chat.Commands;
using SecBot.Chat.Conversation;
using SecBot.Chat.Delivery;
using SecBot.Chat.Ids;
using SecBot.Chat.Parsing;
using SecBot.Domain;
using SecBot.Domain.Policy;
using SecBot.Domain.Roster;
using SecBot.Storage;
using SecBot.Storage.Roster;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Chat.OnCall;

/// <summary>
/// <c>oncall [role]</c>, <c>cover &lt;role&gt; &lt;from&gt; &lt;to&gt; [@person]</c>, <c>cover list [role]</c> and
/// <c>cover cancel COV-n</c>. Who may set or cancel a cover is <see cref="CoverRules"/>'s decision, re-checked in the
/// transaction that writes it.
/// </summary>
public sealed class OnCallCommands(IStore store, OverrideRepository overrides, RosterModel roster, OutboxWriter outbox, PersonDirectory people, TimeProvider time)
{
    private const string CoverUsage = "cover <role> <from> <to> [@person]";
    private const string CancelUsage = "cover cancel COV-n";

    public async Task<ChatReply> WhoIsOnCallAsync(string? role, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var resolver = new OnCallResolver(roster, await overrides.ListOverlappingAsync(now, DateTimeOffset.MaxValue, cancellationToken));
        var results = role is null
            ? resolver.WhoIsOnCall(now)
            : [resolver.Resolve(new PageTarget(PageTargetKind.Role, role), now)];
        var facts = results.Select(r => new CardFact(Describe(r.Target), Who(r))).ToList();
        var card = new Card { Title = role is null ? "On call now" : $"On call for {roster.RoleName(role)}", Facts = facts };
        return ChatReply.Private(string.Join('\n', facts.Select(f => $"{f.Label}: {f.Value}")), card);
    }

    /// <summary>
    /// <c>cover &lt;role&gt; &lt;from&gt; &lt;to&gt; [@person]</c>; a mentioned person is found through the request's
    /// <paramref name="mentions"/> on <paramref name="platform"/> (<see cref="PersonDirectory.Find"/>).
    /// </summary>
    public Task<ChatReply> CoverAsync(
        Person caller, CoverCommand command, string platform, IReadOnlyList<ChatMention> mentions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(command);
        var coverer = command.Person is null ? caller : people.Find(command.Person, platform, mentions);
        if (coverer is null) return Task.FromResult(ChatReply.Refusal($"I can't find {Written(command.Person!)} on the roster.", CoverUsage));

        var request = new CoverRequest(command.Role, coverer.Id, InstantOf(command.From), InstantOf(command.To), caller.Id);
        return store.WriteAsync(
            async transaction =>
            {
                if (CoverRules.Refusal(roster, request, transaction.Now) is { } refusal) return ChatReply.Refusal(refusal, CoverUsage);

                var cover = await overrides.AddAsync(transaction, CoverRules.Target(request), request.PersonId, request.From, request.To, caller.Id);
                var text = $"{IdOf(cover)}: {Describe(cover)} (set by {caller.Name}).";
                await outbox.EnqueueAsync(transaction, new OutboundMessage(Recipient.IncidentsChannel, new Card { Title = "On-call cover", Text = text, Mentions = [coverer.Id] }));
                if (!string.Equals(coverer.Id, caller.Id, StringComparison.OrdinalIgnoreCase))
                {
                    await outbox.EnqueueAsync(transaction, new OutboundMessage(Recipient.Person(coverer.Id), new Card { Title = "You are on call", Text = text }));
                }

                return ChatReply.Private($"{text} To take it back: cover cancel {IdOf(cover)}") with { Committed = true };
            },
            cancellationToken);
    }

    /// <summary>Covers in force or to come (not cancelled), of one role or of all; anyone on the roster may look.</summary>
    public async Task<ChatReply> ListCoversAsync(string? role, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var covers = (await overrides.ListOverlappingAsync(now, DateTimeOffset.MaxValue, cancellationToken))
            .Where(cover => role is null || string.Equals(CoverRules.RoleOf(roster, cover), role, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var scope = role is null ? "" : $" for {roster.RoleName(role)}";
        if (covers.Count == 0) return ChatReply.Private($"No covers in force or to come{scope}.");

        var facts = covers.Select(cover => new CardFact(IdOf(cover).ToString(), $"{Describe(cover)}{(cover.From <= now ? " (in force)" : "")}; set by {NameOf(cover.CreatedBy)}")).ToList();
        var card = new Card { Title = $"Covers in force or to come{scope}", Facts = facts };
        return ChatReply.Private(string.Join('\n', [$"{ReadableTime.Count(covers.Count, "cover")} in force or to come{scope}:", .. facts.Select(f => $"{f.Label}: {f.Value}")]), card);
    }

    /// <summary>
    /// Takes a cover back: the row stays, marked cancelled by the caller at the transaction's time; the channel is told,
    /// and so is the person who was covering when someone else cancelled it.
    /// </summary>
    public Task<ChatReply> CancelCoverAsync(Person caller, CoverId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return store.WriteAsync(
            async transaction =>
            {
                if (await overrides.FindAsync(transaction, id.Number) is not { } cover) return ChatReply.Refusal($"There is no {id}; cover list shows the covers in force or to come.", CancelUsage);
                if (CoverRules.CancelRefusal(roster, cover, caller.Id, transaction.Now) is { } refusal) return ChatReply.Refusal($"{id} cannot be cancelled: {refusal}", CancelUsage);
                // Found and checked in this same write transaction, so the row is still uncancelled here.
                _ = await overrides.CancelAsync(transaction, id.Number, caller.Id)
                    ?? throw new InvalidOperationException($"{id} changed inside the transaction that cancels it.");

                var text = $"{id} cancelled by {caller.Name}: {Describe(cover)} no longer applies.";
                await outbox.EnqueueAsync(transaction, new OutboundMessage(Recipient.IncidentsChannel, new Card { Title = "On-call cover cancelled", Text = text, Mentions = [cover.PersonId] }));
                if (!string.Equals(cover.PersonId, caller.Id, StringComparison.OrdinalIgnoreCase))
                {
                    await outbox.EnqueueAsync(transaction, new OutboundMessage(Recipient.Person(cover.PersonId), new Card { Title = "Your cover was cancelled", Text = text }));
                }

                return ChatReply.Private(text) with { Committed = true };
            },
            cancellationToken);
    }

    private static CoverId IdOf(OnCallOverride cover) => new(checked((int)cover.Id));

    /// <summary>"Sam Okafor covers SOC Engineer Mon 2 Mar 10:00–18:00 Europe/London".</summary>
    private string Describe(OnCallOverride cover)
    {
        var role = CoverRules.RoleOf(roster, cover);
        var what = role.Length > 0 ? roster.RoleName(role) : PageTarget.TryParse(cover.Target, out var target) ? Describe(target) : cover.Target;
        return $"{NameOf(cover.PersonId)} covers {what} {roster.LocalRange(cover.From, cover.To)}";
    }

    private string NameOf(string personId) => roster.PersonName(personId);

    /// <summary>A person as the caller wrote them, for a reply (not the record's debug form).</summary>
    private static string Written(PersonReference person) => person switch
    {
        SlackUserReference slack => $"<@{slack.UserId}>",
        TeamsMentionReference teams => TextShape.Echo(teams.DisplayName),
        PersonNameReference typed => TextShape.Echo(typed.Name),
        _ => "that person",
    };

    private DateTimeOffset InstantOf(StatedTime time) => time.Instant ?? roster.InstantOf(time.WallClock);

    private string Describe(PageTarget target) => OnCallText.Describe(target, roster);

    private string Who(OnCallResult result) => OnCallText.Who(result, roster);
}
