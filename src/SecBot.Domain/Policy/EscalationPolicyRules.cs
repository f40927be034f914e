namespace SecBot.Domain.Policy;

/// <summary>Checks of <c>SecBot:Escalation</c>: levels, who they page, ack timeouts, incident types.</summary>
internal static class EscalationPolicyRules
{
    public static void Check(PolicyValidationContext context)
    {
        var escalation = context.Policy.Escalation;
        if (escalation.Repages < 0)
        {
            context.Problems.Add(KeyPath.Child(KeyPath.Escalation, "Repages"), "must be 0 or more");
        }

        CheckRoles(context, KeyPath.Child(KeyPath.Escalation, "MayAcknowledge"), escalation.MayAcknowledge);
        CheckLevels(context, escalation.Levels);
        CheckIncidentTypes(context, escalation.IncidentTypes);
    }

    private static void CheckLevels(PolicyValidationContext context, List<LevelOptions> levels)
    {
        var listPath = KeyPath.Child(KeyPath.Escalation, "Levels");
        if (levels.Count == 0)
        {
            context.Problems.Add(listPath, "at least one escalation level is needed");
            return;
        }

        // Names and aliases share one namespace: "level:EXEC" must mean exactly one level.
        context.RequireUniqueIds("level name", levels.SelectMany((level, i) => LevelNames(KeyPath.Item(listPath, i), level)));
        for (var i = 0; i < levels.Count; i++) CheckLevel(context, KeyPath.Item(listPath, i), levels[i]);
    }

    private static IEnumerable<(string KeyPath, string Id)> LevelNames(string levelPath, LevelOptions level)
    {
        yield return (KeyPath.Child(levelPath, "Name"), level.Name);
        var aliasesPath = KeyPath.Child(levelPath, "Aliases");
        for (var j = 0; j < level.Aliases.Count; j++) yield return (KeyPath.Item(aliasesPath, j), level.Aliases[j]);
    }

    private static void CheckLevel(PolicyValidationContext context, string levelPath, LevelOptions level)
    {
        CheckPageTargets(context, KeyPath.Child(levelPath, "Page"), level.Page);
        context.RequirePositive(KeyPath.Child(levelPath, "AckTimeout"), level.AckTimeout);
        CheckRoles(context, KeyPath.Child(levelPath, "EscalateRoles"), level.EscalateRoles);
        CheckRoles(context, KeyPath.Child(levelPath, "MayAcknowledge"), level.MayAcknowledge);
    }

    private static void CheckRoles(PolicyValidationContext context, string listPath, List<string> roleIds)
    {
        for (var j = 0; j < roleIds.Count; j++) context.RequireRole(KeyPath.Item(listPath, j), roleIds[j]);
    }

    /// <summary>
    /// Each target must parse and name something configured, and together the targets must reach
    /// at least one person: a page to nobody would let an incident sit unseen until it escalates.
    /// </summary>
    private static void CheckPageTargets(PolicyValidationContext context, string pagePath, List<string> targets)
    {
        var whyNobody = new List<string>();
        var reachesSomeone = false;
        for (var j = 0; j < targets.Count; j++)
        {
            var targetPath = KeyPath.Item(pagePath, j);
            if (!PageTarget.TryParse(targets[j], out var target))
            {
                context.Problems.Add(targetPath, $"'{targets[j]}' is not a page target; expected 'rotation:<id>' or 'role:<RoleId>'");
                whyNobody.Add($"'{targets[j]}' is not a page target");
                continue;
            }

            if (target.Kind == PageTargetKind.Role) context.RequireRole(targetPath, target.Id);
            else context.RequireRotation(targetPath, target.Id);

            var reach = context.Index.Reach(target);
            if (reach.ReachesSomeone) reachesSomeone = true;
            else whyNobody.Add(reach.WhyNobody);
        }

        if (targets.Count == 0) whyNobody.Add("no page targets");
        if (!reachesSomeone) context.Problems.Add(pagePath, $"pages nobody ({string.Join("; ", whyNobody)})");
    }

    private static void CheckIncidentTypes(PolicyValidationContext context, List<IncidentTypeOptions> incidentTypes)
    {
        var listPath = KeyPath.Child(KeyPath.Escalation, "IncidentTypes");
        context.RequireUniqueIds("incident type id", incidentTypes.Select((type, i) => (KeyPath.Child(KeyPath.Item(listPath, i), "Id"), type.Id)));
        for (var i = 0; i < incidentTypes.Count; i++) CheckIncidentType(context, KeyPath.Item(listPath, i), incidentTypes[i]);
    }

    private static void CheckIncidentType(PolicyValidationContext context, string typePath, IncidentTypeOptions incidentType)
    {
        context.RequireLevel(KeyPath.Child(typePath, "StartLevel"), incidentType.StartLevel);
        var pagesPath = KeyPath.Child(typePath, "Pages");
        foreach (var (levelName, targets) in incidentType.Pages)
        {
            var levelPagePath = KeyPath.Child(pagesPath, levelName);
            context.RequireLevel(levelPagePath, levelName);
            CheckPageTargets(context, levelPagePath, targets);
        }

        context.RequireRoleIfSet(KeyPath.Child(typePath, "LeadRole"), incidentType.LeadRole);
        CheckRoles(context, KeyPath.Child(typePath, "MayAcknowledge"), incidentType.MayAcknowledge);
        if (!string.IsNullOrEmpty(incidentType.OnResolveGate))
        {
            context.RequireGateType(KeyPath.Child(typePath, "OnResolveGate"), incidentType.OnResolveGate);
        }
    }
}
