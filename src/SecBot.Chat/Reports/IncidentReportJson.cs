using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecBot.Chat.Reports;

/// <summary>The report as JSON (camelCase, instants as ISO 8601 with offset, durations in seconds), source-generated.</summary>
public static class IncidentReportJson
{
    public static string Render(IncidentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, IncidentReportJsonContext.Default.IncidentReport);
    }

    public static IncidentReport? Read(string json) => JsonSerializer.Deserialize(json, IncidentReportJsonContext.Default.IncidentReport);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(IncidentReport))]
internal sealed partial class IncidentReportJsonContext : JsonSerializerContext;
