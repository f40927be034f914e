using SecBot.Chat.Commands;
using SecBot.Chat.Parsing;

namespace SecBot.Chat.Tests;

/// <summary>The vocabulary of the shipped policy (policy.md), written out so tests do not depend on appsettings.json.</summary>
internal static class TestPolicy
{
    public static CommandVocabulary Vocabulary { get; } = new(
        levels: [new("L1"), new("L2"), new("L3"), new("Executive", ["EXEC"])],
        incidentTypes: [new("general"), new("customer"), new("aws")],
        gateTypes:
        [
            new("new-microservice"), new("high-risk-deploy"), new("security-tool"), new("threat-model"),
            new("incident-postmortem"), new("detection-rules"), new("runbook-update"), new("tool-request"),
        ],
        roles:
        [
            new("SocEngineer", ["SOC Engineer"]),
            new("SeniorSocEngineer", ["Senior SOC Engineer"]),
            new("IncidentResponseLead", ["Incident Response Lead"]),
            new("CloudSecurityEngineer", ["Cloud Security Engineer"]),
            new("SeniorRedTeamEngineer", ["Senior Red Team Engineer"]),
            new("RedTeamEngineer", ["Red Team Engineer"]),
            new("SecurityArchitect", ["Security Architect"]),
            new("SecurityToolEngineer", ["Security Tool Engineer"]),
            new("SecOpsManager", ["Security Operations Manager"]),
            new("SecEngManager", ["Security Engineering Manager"]),
            new("Executive", ["CISO / CTO"]),
        ],
        seats: [new("SecArch"), new("RedTeam"), new("SOC"), new("IRLead"), new("SeniorRedTeam"), new("SecEngMgr")]);

    public static CommandParser Parser { get; } = new(Vocabulary);

    public static ParseError ExpectError(string? text) => Assert.IsType<ParseError>(Parser.Parse(text));

    public static string UsageOf(string command) => Parser.Usage.For(command).Text;
}
