namespace SecBot.Chat.Commands;

/// <summary>A person written as text, <c>@maya</c> or <c>maya</c>: a roster id, name or e-mail for the roster to match.</summary>
public sealed record PersonNameReference(string Name) : PersonReference;
