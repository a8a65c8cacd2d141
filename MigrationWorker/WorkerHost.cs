using Marketplace.Data;
using Marketplace.Data.Schema;
using Marketplace.MigrationWorker.Steps;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.MigrationWorker;

/// <summary>How the worker is invoked: configuration overrides and where its output goes (tests run it in-process).</summary>
public sealed record WorkerInvocation
{
    public IReadOnlyDictionary<string, string?>? Configuration { get; init; }
    public TextWriter Output { get; init; } = Console.Out;
    public TextWriter Error { get; init; } = Console.Error;

    /// <summary>Last word on the services, after the worker's own registrations; tests use it to swap a migrations assembly.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}

/// <summary>Builds the worker's host and runs one command inside it, turning failures into exit codes and one-paragraph messages.</summary>
public static partial class WorkerHost
{
    public static HostApplicationBuilder CreateBuilder(WorkerInvocation invocation)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "Marketplace.MigrationWorker",
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        if (invocation.Configuration is not null)
        {
            builder.Configuration.AddInMemoryCollection(invocation.Configuration);
        }

        // Logs go to stderr so that stdout carries only a command's own output (status --json, script).
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        // OpenTelemetry over OTLP (the Aspire dashboard) when OTEL_EXPORTER_OTLP_ENDPOINT is set; disposing the host flushes it.
        builder.AddServiceDefaults();
        builder.AddMarketplaceDbContext();
        builder.AddMarketplaceSchemaVerification();

        builder.Services.AddOptions<MigrationWorkerOptions>()
            .Bind(builder.Configuration.GetSection(MigrationWorkerOptions.SectionName))
            .Validate(o => o.DatabaseWaitTimeout > TimeSpan.Zero, $"{MigrationWorkerOptions.SectionName}:DatabaseWaitTimeout must be a positive time span, e.g. 00:01:00.")
            .Validate(o => o.LockTimeout > TimeSpan.Zero, $"{MigrationWorkerOptions.SectionName}:LockTimeout must be a positive time span, e.g. 00:10:00.")
            .Validate(o => o.BackfillBatchSize is >= 1 and <= 100_000, $"{MigrationWorkerOptions.SectionName}:BackfillBatchSize must be between 1 and 100000.")
            .ValidateOnStart();

        builder.Services.AddTransient<DatabaseWaiter>();
        builder.Services.AddTransient<DatabaseReadiness>();
        builder.Services.AddTransient<MigrationLock>();
        builder.Services.AddScoped<MigrationApplier>();
        builder.Services.AddTransient<CategorySeeder>();
        builder.Services.AddTransient<ListingBackfill>();
        builder.Services.AddScoped<ChecksumValidator>();
        builder.Services.AddScoped<SchemaVerifier>();
        builder.Services.AddTransient<UnchangedSchemaCheck>();
        builder.Services.AddScoped<DataLossGuard>();
        builder.Services.AddScoped<MigrationBaseline>();
        invocation.ConfigureServices?.Invoke(builder.Services);
        return builder;
    }

    /// <summary>Runs <paramref name="body"/> in a started host; every failure becomes an exit code and a message on stderr.</summary>
    public static async Task<int> RunAsync(
        WorkerInvocation invocation,
        Func<IServiceProvider, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken)
    {
        IHost host;
        try
        {
            host = CreateBuilder(invocation).Build();
        }
        catch (MissingConnectionStringException ex)
        {
            return Fail(invocation, ExitCodes.UsageOrConfiguration, ex.Message);
        }

        using (host)
        {
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Marketplace.MigrationWorker");
            try
            {
                await host.StartAsync(cancellationToken);
                await using var scope = host.Services.CreateAsyncScope();
                var exitCode = await body(scope.ServiceProvider, cancellationToken);
                return exitCode;
            }
            catch (WorkerFailedException failure)
            {
                LogFailed(logger, failure.ExitCode, failure.Message);
                return Fail(invocation, failure.ExitCode, failure.Message);
            }
            catch (OptionsValidationException ex)
            {
                return Fail(invocation, ExitCodes.UsageOrConfiguration, "Invalid configuration: " + string.Join(" ", ex.Failures));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Fail(invocation, ExitCodes.UnexpectedError, "Cancelled before the work finished; run the worker again to complete it.");
            }
            catch (Exception ex) when (ex is NpgsqlException and not PostgresException or TimeoutException)
            {
                LogUnexpected(logger, ex);
                return Fail(invocation, ExitCodes.DatabaseUnreachable,
                    $"Lost the connection to PostgreSQL: {ex.GetBaseException().Message} Each step commits whole or not at all; run the worker again to finish.");
            }
            catch (Exception ex)
            {
                LogUnexpected(logger, ex);
                return Fail(invocation, ExitCodes.UnexpectedError,
                    $"Unexpected error: {ex.GetBaseException().Message} The log above has the details.");
            }
            finally
            {
                // The worker exits as soon as it is done: export the last spans and logs now, or the dashboard never sees them.
                host.Services.FlushTelemetry(TimeSpan.FromSeconds(10));
                await host.StopAsync(CancellationToken.None);
            }
        }
    }

    private static int Fail(WorkerInvocation invocation, int exitCode, string message)
    {
        invocation.Error.WriteLine($"error: {message}");
        return exitCode;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Worker failed with exit code {ExitCode}: {Reason}")]
    private static partial void LogFailed(ILogger logger, int exitCode, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Worker failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
