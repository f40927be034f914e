using Microsoft.Extensions.Logging;
using Npgsql;

namespace SecBot.Storage;

/// <summary>Hearing the other replicas: <c>LISTEN</c> on a connection of its own, turned into this store's signals.</summary>
public sealed partial class PostgresStore
{
    /// <summary>How long to wait before listening again after the listening connection failed.</summary>
    public static readonly TimeSpan RelistenAfter = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Listens until <paramref name="stoppingToken"/> is cancelled, raising <see cref="OutboxChanged"/> and
    /// <see cref="TimersChanged"/> when another replica commits such a change. Each time it (re)connects it raises both,
    /// since whatever was announced while it was not listening is lost.
    /// </summary>
    public async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _database.OpenConnectionAsync(stoppingToken);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand($"LISTEN {OutboxChannel}; LISTEN {TimersChannel};", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                Raise(OutboxChanged, EventArgs.Empty, nameof(OutboxChanged));
                Raise(TimersChanged, TimersChangedEventArgs.Unknown, nameof(TimersChanged));
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
            {
                LogListeningFailed(exception, RelistenAfter);
                try
                {
                    await Task.Delay(RelistenAfter, _timeProvider, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs notification)
    {
        switch (notification.Channel)
        {
            case OutboxChannel:
                Raise(OutboxChanged, EventArgs.Empty, nameof(OutboxChanged));
                break;
            case TimersChannel:
                Raise(TimersChanged, new TimersChangedEventArgs(TimerNotice.Read(notification.Payload)), nameof(TimersChanged));
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for other replicas' changes failed; listening again in {RetryAfter} (meanwhile waiters poll)")]
    private partial void LogListeningFailed(Exception exception, TimeSpan retryAfter);
}
