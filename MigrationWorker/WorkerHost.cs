using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.Data;
using Marketplace.MigrationWorker.Demo;
using Marketplace.MigrationWorker.Steps;
using Marketplace.SchemaGuard;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.MigrationWorker;

/// <summary>
/// Builds the worker's host and runs one command inside it, turning every failure into a documented exit code and one
/// paragraph on stderr (and, for <c>--json</c>, a JSON error object on stdout). Every command runs through here.
/// </summary>
public static partial class WorkerHost
{
    /// <summary>The log category of a run's failure: exported as telemetry (the dashboard), kept off the console, which already has the "error:" line.</summary>
    private const string FailureCategory = "Marketplace.MigrationWorker.Failure";

    public static HostApplicationBuilder CreateBuilder(WorkerInvocation invocation, bool connectsToDatabase)
    {
        // The empty builder and only what a run-once job reads: appsettings.json and appsettings.{Environment}.json (not
        // watched for changes), user secrets in Development, the environment, and the console log with its filters. The
        // default builder's file watchers, extra log providers and host configuration cost every run and serve none.
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "Marketplace.MigrationWorker",
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = environment,
        });
        builder.Configuration
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddJsonFile($"appsettings.{environment}.json", optional: true, reloadOnChange: false);
        if (builder.Environment.IsDevelopment())
        {
            builder.Configuration.AddUserSecrets(typeof(WorkerHost).Assembly, optional: true, reloadOnChange: false);
        }

        builder.Configuration.AddEnvironmentVariables();
        if (invocation.Configuration is not null)
        {
            builder.Configuration.AddInMemoryCollection(invocation.Configuration);
        }

        // Logs go to stderr so that stdout carries only a command's own output (status --json, script, lint --json).
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter<ConsoleLoggerProvider>(FailureCategory, LogLevel.None);

        // OpenTelemetry over OTLP (the Aspire dashboard) when OTEL_EXPORTER_OTLP_ENDPOINT is set; disposing the host flushes it.
        // Only that part of the service defaults: the worker serves no health endpoint and calls no HTTP service, and
        // registering resilient HttpClients and service discovery costs a run that has nothing to do.
        builder.ConfigureOpenTelemetry();
        if (connectsToDatabase)
        {
            // No retrying execution strategy: a migration is retried by the worker itself, only where that is safe (a lock
            // timeout). No health check (the worker serves none), and Npgsql's telemetry only when there is somewhere to
            // send it: a run with nothing to do should not build what it will not use.
            var exportsTelemetry = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
            builder.AddMarketplaceDbContext(
                configureSettings: settings =>
                {
                    settings.DisableHealthChecks = true;
                    settings.DisableTracing |= !exportsTelemetry;
                    settings.DisableMetrics |= !exportsTelemetry;
                },
                configureContextSettings: settings =>
                {
                    settings.DisableTracing |= !exportsTelemetry;
                    settings.DisableMetrics |= !exportsTelemetry;
                });
        }
        else
        {
            // script and lint read code only: the design-time factory builds the same context with no connection string.
            builder.Services.AddScoped(_ => new MarketplaceDbContextFactory().CreateDbContext([]));
        }

        builder.AddSchemaGuard<MarketplaceDbContext>();
        builder.Services.AddOptions<MigrationWorkerOptions>()
            .BindConfiguration(MigrationWorkerOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddOptions<ApiDatabaseRoleOptions>()
            .BindConfiguration(ApiDatabaseRoleOptions.SectionName)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ApiDatabaseRoleOptions>, ApiDatabaseRoleOptionsValidator>();

        builder.Services.AddTransient(typeof(Lazy<>), typeof(LazyStep<>));
        builder.Services.AddScoped<MigrationPipeline>();
        builder.Services.AddScoped<DatabaseWaiter>();
        builder.Services.AddScoped<NothingToDoCheck>();
        builder.Services.AddScoped<MigrationLock>();
        builder.Services.AddScoped<ChecksumValidator>();
        builder.Services.AddScoped<InvalidIndexRepair>();
        builder.Services.AddScoped<HistoryDriftGate>();
        builder.Services.AddScoped<MigrationApplier>();
        builder.Services.AddScoped<SchemaGate>();
        builder.Services.AddScoped<CategorySeeder>();
        builder.Services.AddScoped<ListingBackfill>();
        builder.Services.AddScoped<ApiLoginRole>();
        builder.Services.AddScoped<DataLossGuard>();
        builder.Services.AddScoped<MigrationBaseline>();
        builder.Services.AddScoped<DemoCategories>();
        builder.Services.AddScoped<DemoSellerAccounts>();
        builder.Services.AddScoped<DemoMarketplaceSeeder>();
        invocation.ConfigureServices?.Invoke(builder.Services);
        return builder;
    }

    /// <summary>Runs <paramref name="body"/> in a started host; every failure becomes an exit code and a message.</summary>
    /// <param name="connectsToDatabase">False for commands that read code only (script, lint): no connection string is needed.</param>
    /// <param name="jsonErrors">The command promised JSON on stdout: a failure is written there too, as <c>{ "exitCode", "error" }</c>.</param>
    public static async Task<int> RunAsync(
        WorkerInvocation invocation,
        Func<IServiceProvider, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken,
        bool connectsToDatabase = true,
        bool jsonErrors = false)
    {
        IHost host;
        try
        {
            host = CreateBuilder(invocation, connectsToDatabase).Build();
        }
        catch (MissingConnectionStringException ex)
        {
            return Fail(invocation, jsonErrors, ExitCodes.UsageOrConfiguration, ex.Message);
        }

        using (host)
        {
            var (exitCode, message) = await RunInHostAsync(host, body, host.Services.GetRequiredService<ILoggerFactory>(), cancellationToken);
            try
            {
                // The worker exits as soon as it is done: export the last spans and logs now, or the dashboard never sees them.
                host.Services.FlushTelemetry(TimeSpan.FromSeconds(10));
                await host.StopAsync(CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                // Stopping is best effort; the exit code already says what happened.
            }

            return message is null ? exitCode : Fail(invocation, jsonErrors, exitCode, message);
        }
    }

    private static async Task<(int ExitCode, string? Message)> RunInHostAsync(
        IHost host, Func<IServiceProvider, CancellationToken, Task<int>> body, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(FailureCategory);
        try
        {
            // Validated before the host starts, so an invalid setting is one clean message, not a host start-up failure log.
            host.Services.GetService<IStartupValidator>()?.Validate();
            await host.StartAsync(cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            return (await body(scope.ServiceProvider, cancellationToken), null);
        }
        catch (WorkerFailedException failure)
        {
            LogFailed(logger, failure.ExitCode, failure.Message);
            return (failure.ExitCode, failure.Message);
        }
        catch (OptionsValidationException ex)
        {
            return (ExitCodes.UsageOrConfiguration, "Invalid configuration: " + string.Join(" ", ex.Failures.Select(OwnWords)));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (ExitCodes.Cancelled, "Cancelled before the work finished. Each step commits whole or not at all; run the worker again to complete it.");
        }
        catch (PostgresException ex) when (SchemaMismatch.IsMissingObject(ex))
        {
            // A step met a schema without an object it needs (possible under --allow-drift): drift, not a bug.
            LogFailed(logger, ExitCodes.SchemaDrift, ex.MessageText);
            return (ExitCodes.SchemaDrift,
                $"The database lacks what this build expects ({ex.SqlState}: {ex.MessageText}). Run the status command for the full drift report.");
        }
        catch (Exception ex) when (ex is NpgsqlException and not PostgresException or TimeoutException)
        {
            LogFailed(logger, ExitCodes.DatabaseUnreachable, ex.GetBaseException().Message);
            return (ExitCodes.DatabaseUnreachable,
                $"Lost the connection to PostgreSQL: {ex.GetBaseException().Message} Each step commits whole or not at all; run the worker again to finish.");
        }
        catch (Exception ex)
        {
            // A bug: its stack trace belongs on the console too, above the one-line error.
            LogUnexpected(loggers.CreateLogger("Marketplace.MigrationWorker"), ex);
            return (ExitCodes.UnexpectedError,
                $"Unexpected error: {ex.GetBaseException().Message} This is a bug in the worker; the log above has the details.");
        }
    }

    /// <summary>A data-annotation failure in our own words: the framework wraps each message in its own sentence.</summary>
    private static string OwnWords(string failure) =>
        DataAnnotationFailure().Match(failure) is { Success: true } match ? match.Groups["message"].Value : failure;

    // "DataAnnotation validation failed for 'X' members: 'Y' with the error: '<message>'."
    [GeneratedRegex("^DataAnnotation validation failed for '[^']*' members: '[^']*' with the error: '(?<message>.*)'\\.$")]
    private static partial Regex DataAnnotationFailure();

    private static int Fail(WorkerInvocation invocation, bool json, int exitCode, string message)
    {
        invocation.Error.WriteLine($"error: {message}");
        if (json)
        {
            invocation.Output.WriteLine(JsonSerializer.Serialize(new WorkerError(exitCode, message), WorkerJson.Readable.GetTypeInfo(typeof(WorkerError))));
        }

        return exitCode;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Worker failed with exit code {ExitCode}: {Reason}")]
    private static partial void LogFailed(ILogger logger, int exitCode, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Worker failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
