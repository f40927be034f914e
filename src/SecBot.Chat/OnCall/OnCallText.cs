using SecBot.Domain.Policy;
using SecBot.Domain.Roster;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Chat.OnCall;

/// <summary>On-call answers in people's words, for <c>oncall</c> and the web console's board alike.</summary>
public static class OnCallText
{
    /// <summary>"Maya Chen until Mon 7 Dec 09:00 Europe/London (cover)"; "nobody (…why…)" when nobody is on call.</summary>
    public static string Who(OnCallResult result, RosterModel roster)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(roster);
        var names = result.IsEmpty ? "nobody" : string.Join(", ", result.People.Select(p => p.Name));
        var until = result.Until is { } end ? $" until {roster.LocalText(end)}" : "";
        var note = result.Source switch
        {
            OnCallSource.Override => " (cover)",
            OnCallSource.ManagerFallback or OnCallSource.Nobody => $" ({result.Reason})",
            _ => "",
        };
        return names + until + note;
    }

    /// <summary>A rotation by its name ("L1 24/7 rotation"), a role by its name ("SOC Engineer").</summary>
    public static string Describe(PageTarget target, RosterModel roster)
    {
        ArgumentNullException.ThrowIfNull(roster);
        return target.Kind == PageTargetKind.Rotation
            ? roster.RotationById(target.Id) is { } rotation && rotation.Name.Length > 0 ? rotation.Name : $"rotation {target.Id}"
            : roster.RoleName(target.Id);
    }
}
