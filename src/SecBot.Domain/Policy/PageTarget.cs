namespace SecBot.Domain.Policy;

public enum PageTargetKind { Role, Rotation }

/// <summary>A parsed page target: <c>role:&lt;RoleId&gt;</c> or <c>rotation:&lt;id&gt;</c>.</summary>
public readonly record struct PageTarget(PageTargetKind Kind, string Id)
{
    public static bool TryParse(string? text, out PageTarget target)
    {
        target = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1) return false;
        var kind = text[..colon].Trim();
        var id = text[(colon + 1)..].Trim();
        if (id.Length == 0) return false;
        if (kind.Equals("role", StringComparison.OrdinalIgnoreCase)) target = new(PageTargetKind.Role, id);
        else if (kind.Equals("rotation", StringComparison.OrdinalIgnoreCase)) target = new(PageTargetKind.Rotation, id);
        else return false;
        return true;
    }

    public override string ToString() => $"{(Kind == PageTargetKind.Role ? "role" : "rotation")}:{Id}";
}
