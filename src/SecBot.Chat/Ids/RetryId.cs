using System.Diagnostics.CodeAnalysis;
using SecBot.Storage.Requeues;

namespace SecBot.Chat.Ids;

/// <summary>
/// The id people see and type for something SecBot gave up on: <c>MSG-12</c> for an undelivered (dead-lettered) message,
/// <c>TMR-4</c> for a parked timer — the outbox or timer row's number. Parsing is case-insensitive; printing is upper case.
/// </summary>
public readonly record struct RetryId : IParsable<RetryId>
{
    public const string MessagePrefix = "MSG";
    public const string TimerPrefix = "TMR";

    public RetryId(RequeueTarget target, long number)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        Target = target;
        Number = number;
    }

    public RequeueTarget Target { get; }

    public long Number { get; }

    public static RetryId Message(long outboxId) => new(RequeueTarget.Message, outboxId);

    public static RetryId Timer(long timerId) => new(RequeueTarget.Timer, timerId);

    public static bool TryParse([NotNullWhen(true)] string? text, out RetryId id)
    {
        id = default;
        if (text is null) return false;
        if (PrefixedNumber.TryParseWide(text, MessagePrefix, out var message))
        {
            id = Message(message);
            return true;
        }

        if (PrefixedNumber.TryParseWide(text, TimerPrefix, out var timer))
        {
            id = Timer(timer);
            return true;
        }

        return false;
    }

    public static RetryId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a retry id; ids look like MSG-12 or TMR-4.");

    public static RetryId Parse(string s, IFormatProvider? provider) => Parse(s);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out RetryId result) => TryParse(s, out result);

    public override string ToString() =>
        PrefixedNumber.Format(Target == RequeueTarget.Timer ? TimerPrefix : MessagePrefix, Number);
}
