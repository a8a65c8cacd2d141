using System.Collections.Concurrent;
using Marketplace.Data;
using Marketplace.Data.Schema;
using Marketplace.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketplace.Tests.Schema;

/// <summary>The monitor a long-running app (the Api) reads for readiness: at start-up, then on an interval, logging each change once.</summary>
public sealed class DatabaseSchemaMonitorTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task It_names_pending_migrations_then_turns_current_after_the_worker_and_names_drift_made_since()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        await db.MigrateToAsync("AddListingIndexes", Ct);
        var logs = new LogCollector();
        using var host = BuildHost(database.ConnectionString, logs);
        var monitor = host.Services.GetRequiredService<DatabaseSchemaMonitor>();

        Assert.False(monitor.Current.IsCurrent);
        var behind = await monitor.CheckAsync(Ct);
        Assert.False(behind.IsCurrent);
        Assert.Contains($"migration {Db.MigrationId("AddCategoryModel")} is pending", behind.Problems);
        Assert.Contains("column Listing.CategoryId is in the model but not in the database", behind.Problems);

        Assert.Equal(0, (await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct)).ExitCode);
        Assert.True((await monitor.CheckAsync(Ct)).IsCurrent);

        await db.ExecuteAsync("""DROP INDEX "IX_Listing_SellerId" """, Ct);
        var drifted = await monitor.CheckAsync(Ct);
        Assert.False(drifted.IsCurrent);
        Assert.Equal(["index IX_Listing_SellerId is in the model but not in the database"], drifted.Problems);
        Assert.Same(drifted.Problems, (await monitor.CheckAsync(Ct)).Problems); // unchanged fingerprint: the verdict is reused

        // Three verdicts, three log lines: a check that finds what the last one found says nothing.
        Assert.Equal(3, logs.Messages.Count(m => m.Contains("the database", StringComparison.OrdinalIgnoreCase) && m.Contains("expects", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task It_checks_at_start_up_and_again_on_its_interval()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        Assert.Equal(0, (await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct)).ExitCode);
        using var host = BuildHost(database.ConnectionString, new LogCollector(), interval: "00:00:01");
        var monitor = host.Services.GetRequiredService<DatabaseSchemaMonitor>();

        await host.StartAsync(Ct);
        await WaitUntilAsync(() => monitor.Current.IsCurrent);
        await db.ExecuteAsync("""ALTER TABLE "Category" ADD COLUMN "Icon" text""", Ct);
        await WaitUntilAsync(() => !monitor.Current.IsCurrent);

        Assert.Equal(["column Category.Icon is in the database but not in the model"], monitor.Current.Problems);
        await host.StopAsync(Ct);
    }

    [Fact]
    public void An_interval_out_of_range_stops_the_app_at_start_up_naming_the_setting()
    {
        using var host = BuildHost("Host=127.0.0.1;Database=x;Username=postgres", new LogCollector(), interval: "00:00:00");

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync(Ct).GetAwaiter().GetResult());
        Assert.Contains("DatabaseSchemaMonitor:Interval", error.Message, StringComparison.Ordinal);
    }

    private static IHost BuildHost(string connectionString, LogCollector logs, string? interval = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:marketplacedb"] = connectionString,
            ["DatabaseSchemaMonitor:Interval"] = interval,
        });
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.AddMarketplaceDbContext(retryOnFailure: false);
        builder.AddDatabaseSchemaMonitor();
        return builder.Build();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the monitor did not see the change within 20 s");
            await Task.Delay(100, Ct);
        }
    }

    private sealed class LogCollector : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => categoryName == typeof(DatabaseSchemaMonitor).FullName ? new Collecting(Messages) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void Dispose()
        {
        }

        private sealed class Collecting(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
}
