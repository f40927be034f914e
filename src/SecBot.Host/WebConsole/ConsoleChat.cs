using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Chat.Delivery;
using SecBot.Chat.Incidents;
using SecBot.Chat.Parsing;
using SecBot.Chat.Reviews;
using SecBot.Domain.Roster;
using SecBot.Host.ConsolePlatform;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Host.WebConsole;

/// <summary>
/// Chat as anyone: what the web console's page says, presses and submits, handed to the same <see cref="ChatRouter"/> as
/// Slack and Teams with the identity <c>console/&lt;person id&gt;</c>, so the engines, the outbox and the ledger see a third
/// platform, not a copy. A press on a delivered message answers by replacing that message in the <see cref="ConsoleInbox"/>,
/// as Slack's chat.update and Teams' card update do; every other answer is shown under the text box.
/// </summary>
public sealed class ConsoleChat(ChatRouter router, ConsoleInbox inbox, RosterModel roster, CommandParser parser)
{
    public RosterModel Roster => roster;

    /// <summary>The two conversations the page shows for a person: their direct messages and the incidents channel.</summary>
    public static IReadOnlySet<string> ConversationsOf(string personId) =>
        new HashSet<string>(StringComparer.Ordinal) { Recipient.Person(personId).ChannelKey, Recipient.IncidentsChannel.ChannelKey };

    /// <summary>The roster person <paramref name="personId"/> names, or the problem to answer with.</summary>
    public (Person? Person, string? Problem) Identify(string? personId)
    {
        if (string.IsNullOrWhiteSpace(personId)) return (null, $"Say who you act as: 'as' must be a roster person id (one of {KnownIds()}).");
        return roster.PersonById(personId.Trim()) is { } person
            ? (person, null)
            : (null, $"'{Cut(personId)}' is not on the roster: 'as' must be a roster person id (one of {KnownIds()}).");
    }

    public async Task<ConsoleAnswer> SayAsync(Person person, string text, CancellationToken cancellationToken) =>
        ConsoleAnswer.Of(await router.HandleAsync(Request(person, new TextInput(text)), cancellationToken));

    /// <summary>A submitted form, as the command it stands for (<see cref="FormCommands"/>); null for a form kind SecBot does not know.</summary>
    public async Task<ConsoleAnswer?> SubmitFormAsync(Person person, string kind, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        if (FormCommands.CommandText(kind, values) is not { } text) return null;
        if (KnownForm(kind) is { } form && MissingRequired(form.Inputs, values) is { } missing) return ConsoleAnswer.Of(ChatReply.Refusal(missing));
        return await SayAsync(person, text, cancellationToken);
    }

    /// <summary>
    /// A button pressed, on the delivered message <paramref name="message"/> (null: on an answer shown under the text box),
    /// which must show it (<see cref="ButtonOn"/>: the caller checks). Its required inputs are those of the card's button,
    /// or, on an answer no longer held, those its action always asks for (<see cref="KnownAsks"/>): never skipped.
    /// The press's answer replaces that message when the command updates the original, as on Slack and Teams.
    /// </summary>
    public async Task<ConsoleAnswer> PressAsync(Person person, ConsoleMessage? message, ButtonInput button, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(button);
        var asks = message is not null && ButtonOn(message, button) is { } shown ? shown.Asks : KnownAsks.GetValueOrDefault(button.ActionId, []);
        if (MissingRequired(asks, button.Inputs) is { } missing) return ConsoleAnswer.Of(ChatReply.Refusal(missing));
        var pressed = message is null ? button : button with { Pressed = ConsoleRef.Of(message) };
        var reply = await router.HandleAsync(Request(person, pressed), cancellationToken);
        var replaced = message is not null && !reply.IsRefusal && ReplyRouting.AfterButton(reply) == ReplyRoute.UpdateOriginal && inbox.Replace(message.Id, reply.Card!);
        // The card is shown where it was pressed; under the text box only what happened.
        return replaced ? ConsoleAnswer.Of(reply with { Card = null }) with { Replaced = message!.Id } : ConsoleAnswer.Of(reply);
    }

    /// <summary>Before a button's form opens: null when the person may press it, else the refusal to show at once. Reads only.</summary>
    public async Task<ConsoleAnswer?> CheckAsync(Person person, ButtonInput button, CancellationToken cancellationToken) =>
        await router.CheckAsync(Request(person, button), cancellationToken) is { } refusal ? ConsoleAnswer.Of(refusal) : null;

    /// <summary>The delivered message <paramref name="id"/> as <paramref name="person"/> sees it, or why it cannot be pressed on.</summary>
    public (ConsoleMessage? Message, string? Problem) MessageFor(Person person, long id)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (inbox.Get(id) is not { } message) return (null, $"Message {id} is not in the console's inbox (it keeps the newest {ConsoleInbox.Capacity}); use the command instead.");
        return ConversationsOf(person.Id).Contains(message.Recipient)
            ? (message, null)
            : (null, $"Message {id} was sent to {message.Recipient}, not to {person.Id}: switch to that person to press it.");
    }

    /// <summary>The button as the delivered card shows it: a press names one of the card's buttons, else it is not from this message.</summary>
    public static CardButton? ButtonOn(ConsoleMessage message, ButtonInput button)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(button);
        return message.Card.Buttons.FirstOrDefault(b => b.ActionId == button.ActionId && b.Value == button.Value);
    }

    /// <summary>
    /// What each action's button always asks for, wherever its card shows it (<see cref="IncidentCards"/>, <see cref="ReviewCards"/>).
    /// Approve's checklist depends on the gate, and the sign-off itself refuses an approval that leaves it unattested.
    /// </summary>
    private static readonly Dictionary<string, IReadOnlyList<CardInput>> KnownAsks = new(StringComparer.Ordinal)
    {
        [ActionIds.Escalate] = [IncidentCards.ReasonInput],
        [ActionIds.Resolve] = [IncidentCards.SummaryInput],
        [ActionIds.Reject] = [ReviewCards.ReasonInput],
        [ActionIds.Comment] = [ReviewCards.RequiredCommentInput],
        [ActionIds.Object] = [ReviewCards.ObjectionInput],
    };

    private FormRequest? KnownForm(string kind) => kind == DeclareForm.Kind ? DeclareForm.For(parser.Vocabulary) : null;

    private static string? MissingRequired(IReadOnlyList<CardInput> inputs, IReadOnlyDictionary<string, string> values) =>
        inputs.Where(i => i.Required && string.IsNullOrWhiteSpace(values.GetValueOrDefault(i.Id))).Select(FormLabels.Required).FirstOrDefault();

    private static ChatRequest Request(Person person, ChatInput input) =>
        new(new ChatIdentity(ConsoleRef.Platform, person.Id, person.Name), ChatPlace.Direct() with { Platform = ConsoleRef.Platform }, input);

    private string KnownIds() => string.Join(", ", roster.People.Select(p => p.Id));

    internal static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

/// <summary>
/// The answer shown under the text box: the reply's text, whether it was a refusal (nothing changed), its HTML (a refusal
/// marked as one, a card, or the form a command opened), and the message a press replaced, if any.
/// </summary>
public sealed record ConsoleAnswer(bool Refusal, string Text, string Html)
{
    public long? Replaced { get; init; }

    public static ConsoleAnswer Of(ChatReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var html = reply switch
        {
            { IsRefusal: true } => $"<div class=\"answer refusal\" role=\"alert\"><strong>Refused:</strong> <span class=\"text\">{ConsolePage.Encode(reply.Text)}</span></div>",
            { OpensForm: { } form } => ConsoleCardHtml.Form(form),
            { Card: { } card } => $"<div class=\"answer\"><p class=\"text\">{ConsolePage.Encode(reply.Text)}</p>{ConsoleCardHtml.Card(card)}</div>",
            _ => $"<div class=\"answer\"><p class=\"text\">{ConsolePage.Encode(reply.Text)}</p></div>",
        };
        return new ConsoleAnswer(reply.IsRefusal, reply.Text, html);
    }
}
