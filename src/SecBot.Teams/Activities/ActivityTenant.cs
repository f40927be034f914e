namespace SecBot.Teams.Activities;

/// <summary>The tenant an activity comes from: Teams names it in <c>channelData.tenant.id</c>, and in personal chats also on the conversation.</summary>
public static class ActivityTenant
{
    public static string? Of(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.ChannelData?.Tenant?.Id ?? activity.Conversation?.TenantId;
    }
}
