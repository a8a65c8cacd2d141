using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

// The namespace Aspire's ServiceDefaults template uses, so `builder.AddServiceDefaults()` needs no using in Program.cs.
namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The conventions every Marketplace service shares, under the names of Aspire's ServiceDefaults template:
/// OpenTelemetry over OTLP, default health checks and endpoints, service discovery, and resilient HttpClients.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Readiness: every registered check.</summary>
    public const string HealthEndpointPath = "/health";

    /// <summary>Liveness: only the checks tagged <see cref="LiveTag"/>.</summary>
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>The tag of checks that say the process is up (and should not be restarted).</summary>
    public const string LiveTag = "live";

    /// <summary>Our own ActivitySources and Meters are named "Marketplace.&lt;Part&gt;"; the wildcard exports all of them.</summary>
    public const string MarketplaceTelemetryNames = "Marketplace.*";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Without an OTLP endpoint there is nobody to send to, and building the providers anyway costs start-up time
        // that the migration worker pays on every deployment. Runtime meters and activity sources still exist for
        // in-process listeners (dotnet-counters, dotnet-trace).
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder;
        }

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var openTelemetry = builder.Services.AddOpenTelemetry();

        // Aspire and azd name each service through OTEL_SERVICE_NAME; without it (a bare `dotnet run`) the SDK would
        // report "unknown_service", so fall back to the application's name rather than override what was configured.
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
        {
            openTelemetry.ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName));
        }

        // Npgsql's source and meter are added by Marketplace.Data's AddMarketplaceDbContext, next to the data source they observe.
        openTelemetry
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(MarketplaceTelemetryNames))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(MarketplaceTelemetryNames)
                .AddAspNetCoreInstrumentation(aspNetCore =>
                    // Probes hit these every few seconds; tracing them would bury the requests users make.
                    aspNetCore.Filter = context => !IsHealthEndpoint(context.Request.Path))
                .AddHttpClientInstrumentation());

        // UseOtlpExporter reads OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL and OTEL_EXPORTER_OTLP_HEADERS
        // from configuration and exports all three signals.
        openTelemetry.UseOtlpExporter();

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Answering at all is what liveness means; dependencies belong to readiness, or an outage restarts every replica.
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (every check) and <c>/alive</c> (checks tagged "live"). In Development the answer carries each
    /// check's status and description as JSON; elsewhere only the overall status, so probes learn nothing about internals.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        var detailed = app.Environment.IsDevelopment();

        app.MapHealthChecks(HealthEndpointPath, CreateOptions(predicate: null, detailed));
        app.MapHealthChecks(AlivenessEndpointPath, CreateOptions(check => check.Tags.Contains(LiveTag), detailed));

        return app;
    }

    /// <summary>
    /// Exports whatever telemetry is still buffered. A process that exits right after its work (the migration worker)
    /// calls this before it stops, so its last spans and logs are not lost to a shutdown that gives up under load.
    /// </summary>
    public static void FlushTelemetry(this IServiceProvider services, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(services);
        var milliseconds = (int)timeout.TotalMilliseconds;
        services.GetService<TracerProvider>()?.ForceFlush(milliseconds);
        services.GetService<LoggerProvider>()?.ForceFlush(milliseconds);
        services.GetService<MeterProvider>()?.ForceFlush(milliseconds);
    }

    private static HealthCheckOptions CreateOptions(Func<HealthCheckRegistration, bool>? predicate, bool detailed)
    {
        var options = new HealthCheckOptions { Predicate = predicate };
        if (detailed)
        {
            options.ResponseWriter = HealthReportWriter.WriteJsonAsync;
        }

        return options;
    }

    private static bool IsHealthEndpoint(PathString path) =>
        path.StartsWithSegments(HealthEndpointPath) || path.StartsWithSegments(AlivenessEndpointPath);
}
