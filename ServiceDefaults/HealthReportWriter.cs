using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>Writes a health report as JSON: the overall status and, per check, its status, description and duration.</summary>
internal static class HealthReportWriter
{
    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        var body = new HealthReportBody(
            report.Status,
            report.TotalDuration.TotalMilliseconds,
            report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new HealthCheckBody(
                    entry.Value.Status,
                    entry.Value.Description ?? entry.Value.Exception?.Message,
                    entry.Value.Duration.TotalMilliseconds,
                    entry.Value.Tags.Any() ? [.. entry.Value.Tags] : null)));

        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, body, SerializerOptions, context.RequestAborted);
    }

    private sealed record HealthReportBody(HealthStatus Status, double TotalDurationMs, IReadOnlyDictionary<string, HealthCheckBody> Checks);

    private sealed record HealthCheckBody(HealthStatus Status, string? Description, double DurationMs, IReadOnlyList<string>? Tags);
}
