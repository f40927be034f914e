using System.Globalization;
using System.Text.Json;
using SecBot.Chat.Cards;
using SecBot.Chat.Delivery;
using SecBot.Chat.Incidents;
using SecBot.Domain.Incidents;
using SecBot.Slack.Configuration;
using SecBot.Slack.Delivery;
using SecBot.Slack.Rendering;
using SecBot.Slack.WebApi;
using SecBot.Storage;
using SecBot.Storage.Delivery;
using SecBot.Storage.Incidents;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Slack.Delivery;

/// <summary>
/// <c>SecBot:Slack:PerIncidentChannels</c>: each incident gets a channel of its own. Nothing here runs on a request path.
/// As the dispatcher delivers a card about an incident (a page, an announcement), <see cref="RequestAsync"/> queues a
/// <see cref="SlackOutboxKinds.IncidentChannel"/> row, ordered per incident; the dispatcher later hands that row to
/// <see cref="SyncAsync"/>, which reads the incident as committed then and brings its channel up to date: creates it
/// (conversations.create, <see cref="IncidentChannelName"/>, another suffix on <c>name_taken</c>), posts the incident
/// card there, and invites the paged people who have a Slack user id and were not invited yet (conversations.invite).
/// Each step is recorded as it completes (<see cref="IncidentChannelRepository"/>), so a retry resumes, and the
/// recorded channel is how a command typed there without an id finds its incident.
/// </summary>
internal sealed class SlackIncidentChannels(
    SlackOptions options,
    IStore store,
    IncidentRepository incidents,
    IncidentChannelRepository channels,
    SlackWebApiClient api,
    IncidentCards cards,
    CardRenderer renderer,
    RosterModel roster,
    ILogger<SlackIncidentChannels> logger)
{
    /// <summary>Names tried for one incident before giving up: the plain name, then <c>-2</c> up to <c>-20</c>.</summary>
    public const int MaxNameAttempts = 20;

    private const string Platform = SlackOutboxKinds.Platform;

    public bool IsEnabled => options.PerIncidentChannels;

    /// <summary>
    /// Queues a sync of the channel of the incident <paramref name="message"/> is about (its <c>Subject</c> <c>INC-n</c>),
    /// unless one is already waiting: that one reads the database when it runs, so it covers this card's page too.
    /// </summary>
    public async Task RequestAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!IsEnabled || NumberOf(message.Subject) is not { } number) return;
        var payload = JsonSerializer.Serialize(new IncidentChannelItem(number), SlackWebJsonContext.Default.IncidentChannelItem);
        await channels.EnqueueUnlessWaitingAsync(new OutboxMessage(Platform, ChannelKey(number), SlackOutboxKinds.IncidentChannel, payload), cancellationToken);
    }

    /// <summary>Brings one incident's channel up to date; null when done, else the failure (retryable or permanent).</summary>
    public async Task<SlackApiFailure?> SyncAsync(string payload, CancellationToken cancellationToken)
    {
        var item = JsonSerializer.Deserialize(payload, SlackWebJsonContext.Default.IncidentChannelItem) ?? throw new JsonException("empty incident channel payload");
        if (!IsEnabled) return null;

        var (incident, channel) = await store.ReadAsync(
            async connection => (
                await incidents.LoadAsync(connection, null, item.Incident, cancellationToken),
                await channels.FindAsync(connection, item.Incident, Platform, cancellationToken)),
            cancellationToken);
        if (incident is null) return Local($"there is no {IncidentKey.Format(item.Incident)}");
        if (channel is null)
        {
            // Resolved before its channel was made: there is nothing left to coordinate in one.
            if (!incident.IsOpen) return null;
            var (created, failure) = await CreateAsync(incident, cancellationToken);
            if (failure is not null) return failure;
            channel = created!;
        }

        if (channel.CardPostedAt is null)
        {
            var posted = await api.PostMessageAsync(channel.ChannelId, renderer.Render(ChannelCard(incident)), null, cancellationToken);
            if (posted.Failure is { } failure) return failure;
            await channels.MarkCardPostedAsync(incident.Number, Platform, CancellationToken.None);
        }

        return await InviteAsync(incident, channel, cancellationToken);
    }

    /// <summary>The incident a card is about: its subject <c>INC-n</c>; null for gates (<c>REV-n</c>) and anything else.</summary>
    internal static long? NumberOf(string? subject) =>
        subject is not null
        && subject.StartsWith(IncidentKey.Prefix, StringComparison.OrdinalIgnoreCase)
        && long.TryParse(subject.AsSpan(IncidentKey.Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
        && number > 0
            ? number
            : null;

    private static string ChannelKey(long number) => $"incident:{IncidentKey.Format(number)}";

    private async Task<(IncidentChannel? Channel, SlackApiFailure? Failure)> CreateAsync(Incident incident, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxNameAttempts; attempt++)
        {
            var name = IncidentChannelName.For(incident.Number, incident.Title, attempt);
            var result = await api.CreateChannelAsync(name, cancellationToken);
            if (!result.IsSuccess)
            {
                if (result.Failure.Error != SlackErrorCodes.NameTaken) return (null, result.Failure);
                SlackLog.ChannelNameTaken(logger, name, incident.Key);
                continue;
            }

            if (result.Value.Channel is not { Id.Length: > 0 } made) return (null, new SlackApiFailure("conversations.create", SlackErrorCodes.InvalidResponse, true));

            // Recorded even if the dispatcher is stopping now: the channel exists, and a retry must not make a second one.
            await channels.RecordCreatedAsync(incident.Number, Platform, made.Id, made.Name ?? name, CancellationToken.None);
            SlackLog.ChannelCreated(logger, made.Name ?? name, made.Id, incident.Key);
            return (await channels.FindAsync(incident.Number, Platform, CancellationToken.None), null);
        }

        return (null, new SlackApiFailure("conversations.create", SlackErrorCodes.NameTaken, false)
        {
            Messages = [$"{IncidentChannelName.For(incident.Number, incident.Title)} and its suffixes up to -{MaxNameAttempts} are all taken"],
        });
    }

    private async Task<SlackApiFailure?> InviteAsync(Incident incident, IncidentChannel channel, CancellationToken cancellationToken)
    {
        var newlyPaged = incident.PeopleOnIncident
            .Select(personId => roster.PersonById(personId)?.SlackUserId)
            .OfType<string>()
            .Where(user => user.Length > 0 && !channel.Members.Contains(user))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        SlackApiFailure? refused = null;
        foreach (var batch in newlyPaged.Chunk(SlackWebApiClient.MaxInviteUsers))
        {
            var result = await api.InviteAsync(channel.ChannelId, batch, cancellationToken);
            if (result.IsSuccess || result.Failure.Error == SlackErrorCodes.AlreadyInChannel)
            {
                await channels.RecordInvitedAsync(incident.Number, Platform, batch, null, CancellationToken.None);
                continue;
            }

            if (result.Failure.IsRetryable) return result.Failure;

            // Refused for good (a deactivated user, cant_invite…): recorded so later pages do not ask again, and reported.
            await channels.RecordInvitedAsync(incident.Number, Platform, batch, result.Failure.Error, CancellationToken.None);
            refused ??= result.Failure;
        }

        return refused;
    }

    private Card ChannelCard(Incident incident) =>
        cards.StatusCard(incident) with
        {
            Text = $"This channel is for {incident.Key}. Commands typed here act on it without naming it: `/secbot ack`, `/secbot status`, `/secbot resolve <summary>`.",
        };

    private static SlackApiFailure Local(string problem) => new("secbot", problem, false);
}
