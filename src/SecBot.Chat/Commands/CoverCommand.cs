namespace SecBot.Chat.Commands;

/// <summary>
/// <c>cover &lt;role&gt; &lt;from&gt; &lt;to&gt; [@person]</c>: a shift override. Times are kept as written; the engine
/// places times without an offset in the roster's zone. A null <paramref name="Person"/> means the caller covers.
/// </summary>
public sealed record CoverCommand(string Role, StatedTime From, StatedTime To, PersonReference? Person) : ChatCommand;
