using Marketplace.Tests.Support;

namespace Marketplace.Tests.Worker;

/// <summary>What the Aspire dashboard receives from a real worker process: its steps, one span per migration, its logs.</summary>
public sealed class WorkerTelemetryTests(PostgresServer server)
{
    [Fact]
    public async Task The_worker_exports_a_span_per_step_and_per_migration_and_its_logs_before_it_exits()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await server.CreateDatabaseAsync(ct);
        await using var receiver = await OtlpHttpReceiver.StartAsync(ct);
        var serviceName = "migrationworker-" + Guid.NewGuid().ToString("N")[..8];

        var result = await WorkerRunner.RunProcessAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__marketplacedb"] = database.ConnectionString,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = serviceName,
        }, [], ct);
        Assert.True(result.ExitCode == 0, result.ToString());

        // The process has exited: whatever arrived was flushed before exit; nothing more can come.
        var spans = receiver.Spans.Where(s => s.ServiceName == serviceName).ToList();
        var migrations = Db.AllMigrations();
        foreach (var migration in migrations)
        {
            Assert.Contains(spans, s => s.Name == migration && s.ScopeName == "Marketplace.MigrationWorker");
        }

        foreach (var step in new[] { "wait-for-database", "check", "migrate", "seed", "backfill" })
        {
            Assert.Contains(spans, s => s.Name == step);
        }

        // Npgsql's own spans join the pipeline through the Data project's registration.
        Assert.Contains(spans, s => s.ScopeName == "Npgsql");
        Assert.Equal((long)migrations.Count, spans.Single(s => s.Name == "migrate").Attributes["marketplace.migrations.applied"]);
        Assert.Equal(10L, spans.Single(s => s.Name == "seed").Attributes["marketplace.categories.inserted"]);

        var logs = receiver.Logs.Where(l => l.ServiceName == serviceName).Select(l => l.Body).ToList();
        Assert.Contains(logs, body => body is not null && body.StartsWith($"Applied migration {migrations[^1]}", StringComparison.Ordinal));
        Assert.Contains(logs, body => body is not null && body.StartsWith($"Database ready: {migrations.Count} migrations applied", StringComparison.Ordinal));
    }
}
