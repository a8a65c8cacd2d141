using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketplace.Api.Health;

/// <summary>
/// <c>/alive</c> and <c>/health</c> as ServiceDefaults' <c>MapDefaultEndpoints</c> maps them (issue 4). Stand-in until
/// ServiceDefaults is on main: then delete this file and call <c>builder.AddServiceDefaults()</c> and
/// <c>app.MapDefaultEndpoints()</c> instead; the readiness checks keep their "ready" tag either way.
/// </summary>
public static class HealthEndpoints
{
    public const string LiveTag = "live";

    private static readonly JsonSerializerOptions DetailJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static IHostApplicationBuilder AddApiHealthChecks(this IHostApplicationBuilder builder)
    {
        // Answering at all is what liveness means; the database belongs to readiness, or an outage restarts every replica.
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    public static WebApplication MapApiHealthEndpoints(this WebApplication app)
    {
        // Probes see only the status; the reasons (which migration is missing) are for developers.
        var detailed = app.Environment.IsDevelopment();
        app.MapHealthChecks("/health", Options(predicate: null, detailed));
        app.MapHealthChecks("/alive", Options(check => check.Tags.Contains(LiveTag), detailed));
        return app;
    }

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool>? predicate, bool detailed)
    {
        var options = new HealthCheckOptions { Predicate = predicate };
        if (detailed)
        {
            options.ResponseWriter = WriteDetailAsync;
        }

        return options;
    }

    private static Task WriteDetailAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status,
            totalDurationMs = report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new
                {
                    status = entry.Value.Status,
                    description = entry.Value.Description ?? entry.Value.Exception?.Message,
                    durationMs = entry.Value.Duration.TotalMilliseconds,
                }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, DetailJson, context.RequestAborted);
    }
}
