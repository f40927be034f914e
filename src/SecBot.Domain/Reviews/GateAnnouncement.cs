namespace SecBot.Domain.Reviews;

/// <summary>An announcement in the incidents channel; <see cref="Mentions"/> are person ids the renderer may @mention.</summary>
public sealed record GateAnnouncement(Gate Gate, string Kind, string Text, IReadOnlyList<string> Mentions) : GateNotice(Gate);
