using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SecBot.Host.Health;

/// <summary>
/// <c>/readyz</c>'s body: the overall status and each check's status, description and data as JSON, so a probe or an
/// operator sees the delivery backlog and dead letters, not just "Healthy".
/// </summary>
public static class HealthReportJson
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            if (entry.Description is { } description) json.WriteString("description", description);
            json.WritePropertyName("data");
            WriteValue(json, entry.Data);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case long or int or double or decimal:
                json.WriteNumberValue(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case IEnumerable<KeyValuePair<string, object>> members:
                json.WriteStartObject();
                foreach (var (key, member) in members)
                {
                    json.WritePropertyName(key);
                    WriteValue(json, member);
                }

                json.WriteEndObject();
                break;
            default:
                json.WriteStringValue(value.ToString());
                break;
        }
    }
}
