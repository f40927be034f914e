using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SecBot.Host.Alerts;

namespace SecBot.Host.Tests.Alerts;

/// <summary>
/// Both alert parsers over arbitrary bytes and over mutations of real bodies: they never throw, and they either accept an
/// alert whose every field they could read or refuse with errors, never both, never neither.
/// </summary>
public sealed class AlertParserProperties
{
    private static readonly string[] Bodies =
    [
        AlertBodies.Trigger(), AlertBodies.Trigger(dedupKey: null), AlertBodies.Follow("acknowledge", "k"), AlertBodies.Follow("resolve", "k"),
        AlertBodies.Notification(("fp1", "firing", "DiskFull"), ("fp2", "resolved", "HighLoad")),
    ];

    private static readonly string[] Splices =
    [
        "null", "1", "-1e999", "\"\"", "[]", "{}", "\"trigger\"", "\"resolved\"", "\"4\"", "true", "\"\\ud800\"", "\"javascript:x\"",
        new string('x', 2000), "\u0000", "{\"a\":", "]", "}", ",",
    ];

    [Property(MaxTest = 2_000)]
    public bool PagerDuty_never_throws_on_any_bytes(byte[] body) => IsWellFormed(PagerDutyParser.Parse(body ?? [], () => "g"));

    [Property(MaxTest = 2_000)]
    public bool Alertmanager_never_throws_on_any_bytes(byte[] body) => IsWellFormed(AlertmanagerParser.Parse(body ?? []));

    [Property(MaxTest = 2_000)]
    public Property Mutated_real_bodies_are_read_or_refused_never_half_accepted()
    {
        var mutated =
            from body in Gen.Elements(Bodies)
            from cut in Gen.Choose(0, 10_000)
            from length in Gen.Choose(0, 40)
            from splice in Gen.Elements(Splices)
            let at = cut % (body.Length + 1)
            select body[..at] + splice + body[Math.Min(body.Length, at + length)..];
        return Prop.ForAll(mutated.ToArbitrary(), text =>
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            return IsWellFormed(PagerDutyParser.Parse(bytes, () => "g")) && IsWellFormed(AlertmanagerParser.Parse(bytes));
        });
    }

    [Property(MaxTest = 500)]
    public bool Truncated_real_bodies_are_refused(byte pick, ushort at)
    {
        var body = Bodies[pick % Bodies.Length];
        var cut = Encoding.UTF8.GetBytes(body[..(at % body.Length)]);
        return !PagerDutyParser.Parse(cut, () => "g").IsValid && !AlertmanagerParser.Parse(cut).IsValid;
    }

    private static bool IsWellFormed(PagerDutyParse parsed) =>
        parsed.IsValid
            ? parsed.Alert is { DedupKey.Length: > 0 and <= 255 } alert && parsed.RoutingKey is { Length: > 0 }
              && alert.Links.All(l => l.Url.StartsWith("http", StringComparison.Ordinal))
              && (alert.Action != Chat.Alerts.AlertAction.Trigger || alert.Title.Length > 0 && alert.Severity is not null)
            : parsed.Alert is null && parsed.Errors.All(e => e.Length > 0) && parsed.Errors.Count > 0;

    private static bool IsWellFormed(AlertmanagerParse parsed) =>
        parsed.IsValid
            ? parsed.Alerts.All(a => a.DedupKey.Length is > 0 and <= 255 && a.Title.Length > 0)
            : parsed.Alerts.Count == 0 && parsed.Errors.All(e => e.Length > 0);
}
