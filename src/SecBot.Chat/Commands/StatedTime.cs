using System.Globalization;

namespace SecBot.Chat.Commands;

/// <summary>
/// A time as a person wrote it: the wall-clock reading and, when they gave one, its UTC offset.
/// Without an offset the time is local to the roster's zone, which only the engine knows.
/// </summary>
public readonly record struct StatedTime(DateTime WallClock, TimeSpan? Offset)
{
    private static readonly string[] WallClockFormats =
    [
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd",
    ];

    private static readonly string[] OffsetFormats = [.. WallClockFormats.Where(f => f.Contains('H', StringComparison.Ordinal)).Select(f => f + "zzz")];

    internal bool HasOffset => Offset.HasValue;

    /// <summary>The instant meant, when the offset was given.</summary>
    public DateTimeOffset? Instant =>
        Offset is { } offset ? new DateTimeOffset(DateTime.SpecifyKind(WallClock, DateTimeKind.Unspecified), offset) : null;

    /// <summary>Reads ISO-8601 local date-times (<c>2026-11-24T09:00</c>), with an optional offset (<c>+01:00</c>, <c>Z</c>).</summary>
    public static bool TryParse(string? text, out StatedTime time)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var upper = text.Trim().ToUpperInvariant();
        var invariant = CultureInfo.InvariantCulture;

        if (DateTimeOffset.TryParseExact(upper, OffsetFormats, invariant, DateTimeStyles.None, out var withOffset))
        {
            time = new StatedTime(withOffset.DateTime, withOffset.Offset);
            return true;
        }

        if (upper.EndsWith('Z')
            && DateTime.TryParseExact(upper[..^1], WallClockFormats, invariant, DateTimeStyles.None, out var utc))
        {
            time = new StatedTime(utc, TimeSpan.Zero);
            return true;
        }

        if (DateTime.TryParseExact(upper, WallClockFormats, invariant, DateTimeStyles.None, out var local))
        {
            time = new StatedTime(local, null);
            return true;
        }

        return false;
    }

    public override string ToString() =>
        Instant is { } instant
            ? instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)
            : WallClock.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
