using System.Text.Json;
using SecBot.Domain;
using SecBot.Storage;
using SecBot.Storage.Delivery;
using SecBot.Storage.Timers;

namespace SecBot.Chat.Delivery;

/// <summary>
/// A dead-lettered outbox message as people read it: on which platform, to whom, about what, why it failed and when
/// it was given up on. Cards name their recipient and subject; any other row is described by its kind and channel.
/// </summary>
public sealed record UndeliveredMessage(string Platform, string Destination, string? Subject, string Error, DateTimeOffset At)
{
    public static UndeliveredMessage From(OutboxEntry entry, Func<string, string> personName)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(personName);
        if (entry.Kind == OutboxWriter.RefreshKind && TryReadRefresh(entry.Payload) is { } refresh)
        {
            return new UndeliveredMessage(entry.Platform, RefreshDestination, refresh.Subject, OneLine.Shorten(entry.LastError), entry.DeadAt ?? entry.NextAttemptAt);
        }

        var card = entry.Kind == OutboxWriter.MessageKind ? TryRead(entry.Payload) : null;
        var destination = card is null ? $"{entry.Kind} to {entry.ChannelKey}" : Describe(card.To, personName);
        var subject = card is null ? OutboxSubject.Of(entry.Payload) : card.Subject;
        return new UndeliveredMessage(entry.Platform, destination, subject, OneLine.Shorten(entry.LastError), entry.DeadAt ?? entry.NextAttemptAt);
    }

    /// <summary>What a dead-lettered <see cref="CardRefresh"/> failed to do.</summary>
    public const string RefreshDestination = "update of the cards already sent";

    /// <summary>"Slack DM to Maya Chen (INC-3): invalid_auth"</summary>
    public string Summary => $"{PlatformNames.Of(Platform)} {Destination}{(Subject is null ? "" : $" ({Subject})")}: {Error}";

    /// <summary>"Mon 2 Mar 09:00 UTC · Slack DM to Maya Chen: invalid_auth", for the status of its subject.</summary>
    public string Line => $"{ReadableTime.Utc(At)} · {PlatformNames.Of(Platform)} {Destination}: {Error}";

    /// <summary>
    /// The dispatcher's note on the timeline of the incident or gate the message was about, written in the transaction
    /// that dead-letters it (<see cref="OutboxRepository.MarkDeadAsync(long, string, Func{StoreTransaction, OutboxEntry, Task}, CancellationToken)"/>).
    /// </summary>
    public static Func<StoreTransaction, OutboxEntry, Task> TimelineNote(SubjectTimeline timeline, Func<string, string> personName)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return (transaction, entry) => RecordOnTimelineAsync(timeline, transaction, From(entry, personName));
    }

    private static Task RecordOnTimelineAsync(SubjectTimeline timeline, StoreTransaction transaction, UndeliveredMessage message)
    {
        return message.Subject is null
            ? Task.CompletedTask
            : timeline.AppendAsync(transaction, message.Subject, SubjectTimeline.DeliveryFailed, $"{PlatformNames.Of(message.Platform)} {message.Destination} could not be delivered: {message.Error}");
    }

    private static string Describe(Recipient to, Func<string, string> personName) => to switch
    {
        { Kind: RecipientKind.Person } => $"DM to {personName(to.Id)}",
        { Id: Recipient.IncidentsChannelId } => "post to the incidents channel",
        _ => $"post to channel {to.Id}",
    };

    private static CardRefresh? TryReadRefresh(string payload)
    {
        try
        {
            var refresh = OutboxWriter.ReadRefresh(payload);
            return string.IsNullOrWhiteSpace(refresh.Subject) ? null : refresh;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static OutboundMessage? TryRead(string payload)
    {
        try
        {
            // A payload that is JSON but not a card (no recipient) is described by its row instead.
            var message = OutboxWriter.Read(payload);
            return message.To is null ? null : message;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
