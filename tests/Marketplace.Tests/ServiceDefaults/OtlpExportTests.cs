using System.Diagnostics;
using System.Diagnostics.Metrics;
using Marketplace.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketplace.Tests.ServiceDefaults;

/// <summary>
/// What the Aspire dashboard (or any OTLP collector) receives from a service that calls AddServiceDefaults().
/// Listeners are process-wide and tests run in parallel, so each test marks its telemetry with a run id and looks only for that.
/// </summary>
public sealed partial class OtlpExportTests
{
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_plain_host_exports_its_Marketplace_spans_logs_and_metrics_over_OTLP_http_protobuf()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var receiver = await OtlpHttpReceiver.StartAsync(cancellationToken);
        var runId = Guid.NewGuid().ToString("N");
        var serviceName = $"otlp-test-{runId}";

        // The .NET exporter speaks gRPC unless OTEL_EXPORTER_OTLP_PROTOCOL says otherwise, and this receiver only
        // understands http/protobuf: anything arriving proves the protocol setting was honoured.
        using (var host = BuildWorkerLikeHost(receiver, ("OTEL_SERVICE_NAME", serviceName)))
        {
            await host.StartAsync(cancellationToken);

            using var source = new ActivitySource("Marketplace.Test");
            using var meter = new Meter("Marketplace.Test");
            var seeded = meter.CreateCounter<long>("marketplace.test.categories_seeded");

            using (var step = source.StartActivity("seed categories"))
            {
                step?.SetTag("marketplace.run_id", runId);
                step?.SetTag("marketplace.categories.inserted", 10);
            }

            seeded.Add(10, new KeyValuePair<string, object?>("marketplace.run_id", runId));
            var logger = host.Services.GetRequiredService<ILogger<OtlpExportTests>>();
            LogSeeded(logger, 10, runId);

            await host.StopAsync(cancellationToken);
        }

        // Disposing the host flushed the batch exporters and took a last metrics reading; nothing waits on a timer.
        await receiver.WaitForAsync(
            r => r.Spans.Any(IsFromRun) && r.Logs.Any(IsFromRun) && r.Metrics.Any(IsFromRun),
            ArrivalTimeout,
            cancellationToken);

        var span = Assert.Single(receiver.Spans, IsFromRun);
        Assert.Equal("seed categories", span.Name);
        Assert.Equal("Marketplace.Test", span.ScopeName);
        Assert.Equal(serviceName, span.ServiceName);
        Assert.Equal(10L, span.Attributes["marketplace.categories.inserted"]);

        var log = Assert.Single(receiver.Logs, IsFromRun);
        Assert.Equal($"Seeded 10 categories in run {runId}", log.Body);
        Assert.Equal(typeof(OtlpExportTests).FullName, log.ScopeName);
        Assert.Equal(serviceName, log.ServiceName);
        Assert.Equal("Information", log.SeverityText);
        Assert.Equal(10L, log.Attributes["CategoryCount"]);

        var metric = receiver.Metrics.Last(IsFromRun);
        Assert.Equal("marketplace.test.categories_seeded", metric.Name);
        Assert.Equal(serviceName, metric.ServiceName);
        Assert.Equal(10d, Assert.Single(metric.DataPoints, point => IsFromRun(point.Attributes)).Value);

        Assert.Empty(receiver.Rejections);

        bool IsFromRun(object telemetry) => telemetry switch
        {
            ReceivedSpan s => IsFromRun(s.Attributes),
            ReceivedLogRecord l => IsFromRun(l.Attributes),
            ReceivedMetric m => m.DataPoints.Any(point => IsFromRun(point.Attributes)),
            IReadOnlyDictionary<string, object?> attributes => Equals(attributes.GetValueOrDefault("marketplace.run_id") ?? attributes.GetValueOrDefault("RunId"), runId),
            _ => false,
        };
    }

    [Fact]
    public async Task Without_OTEL_SERVICE_NAME_the_service_is_named_after_the_application()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var receiver = await OtlpHttpReceiver.StartAsync(cancellationToken);
        var runId = Guid.NewGuid().ToString("N");

        using (var host = BuildWorkerLikeHost(receiver))
        {
            await host.StartAsync(cancellationToken);
            using var source = new ActivitySource("Marketplace.Test");
            source.StartActivity("unnamed service step")?.SetTag("marketplace.run_id", runId).Dispose();
            await host.StopAsync(cancellationToken);
        }

        await receiver.WaitForAsync(r => r.Spans.Any(IsFromRun), ArrivalTimeout, cancellationToken);
        Assert.Equal(WorkerLikeApplicationName, Assert.Single(receiver.Spans, IsFromRun).ServiceName);

        bool IsFromRun(ReceivedSpan span) => Equals(span.Attributes.GetValueOrDefault("marketplace.run_id"), runId);
    }

    private const string WorkerLikeApplicationName = "Marketplace.OtlpExportTests";

    /// <summary>A host shaped like the MigrationWorker's: Host.CreateApplicationBuilder, no ASP.NET Core pipeline.</summary>
    private static IHost BuildWorkerLikeHost(OtlpHttpReceiver receiver, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = WorkerLikeApplicationName,
            EnvironmentName = Environments.Production,
        });

        builder.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString(),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            }.Concat(settings.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value))));

        builder.AddServiceDefaults();
        return builder.Build();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {CategoryCount} categories in run {RunId}")]
    private static partial void LogSeeded(ILogger logger, int categoryCount, string runId);
}
