namespace SecBot.Domain.Roster;

/// <summary><c>cover &lt;role&gt; &lt;from&gt; &lt;to&gt; [@person]</c>: <see cref="PersonId"/> covers <see cref="RoleId"/> for [From, To).</summary>
public sealed record CoverRequest(string RoleId, string PersonId, DateTimeOffset From, DateTimeOffset To, string RequestedBy);
