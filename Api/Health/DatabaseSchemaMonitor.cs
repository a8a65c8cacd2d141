using System.ComponentModel.DataAnnotations;
using Marketplace.Data.Schema;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Health;

/// <summary>Settings under <c>Health</c>.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>How often the schema check runs; the readiness endpoint answers with its latest result.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Health:SchemaCheckInterval must be between {1} and {2}.")]
    public TimeSpan SchemaCheckInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Runs <see cref="DatabaseSchemaHealthCheck"/> at start-up and then every <c>Health:SchemaCheckInterval</c>, and is
/// itself the readiness check that reports its latest result, so a probe costs no query. Logs once per change of
/// outcome, not on every run.
/// </summary>
public sealed partial class DatabaseSchemaMonitor(
    DatabaseSchemaHealthCheck check,
    IOptions<HealthOptions> options,
    TimeProvider timeProvider,
    ILogger<DatabaseSchemaMonitor> logger) : BackgroundService, IHealthCheck
{
    /// <summary>How long a probe that arrives before the first check has finished waits for it.</summary>
    private static readonly TimeSpan FirstResultWait = TimeSpan.FromSeconds(5);

    private readonly TaskCompletionSource _firstResult = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Latest? _latest;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await _firstResult.Task.WaitAsync(FirstResultWait, timeProvider, cancellationToken);
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The database schema has not been checked yet.");
        }

        return Volatile.Read(ref _latest)!.Result;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SchemaCheckInterval, timeProvider);
        do
        {
            await RefreshAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RefreshAsync(CancellationToken stoppingToken)
    {
        HealthCheckResult result;
        try
        {
            result = await check.CheckHealthAsync(new HealthCheckContext(), stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            result = HealthCheckResult.Unhealthy($"The schema check failed: {ex.Message}", ex);
        }

        var previous = Volatile.Read(ref _latest);
        if (previous is null || previous.Result.Status != result.Status || previous.Result.Description != result.Description)
        {
            if (result.Status == HealthStatus.Healthy)
            {
                LogSchemaCurrent(logger, result.Description);
            }
            else
            {
                LogSchemaNotReady(logger, result.Description);
            }
        }

        Volatile.Write(ref _latest, new Latest(result));
        _firstResult.TrySetResult();
    }

    // HealthCheckResult is a struct; a reference lets readers take the latest one atomically.
    private sealed record Latest(HealthCheckResult Result);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is current: {Description}")]
    private static partial void LogSchemaCurrent(ILogger logger, string? description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database schema is not ready, so readiness reports unhealthy: {Description}")]
    private static partial void LogSchemaNotReady(ILogger logger, string? description);
}

public static class DatabaseSchemaHealthCheckRegistration
{
    public const string Name = "database-schema";

    public static IHostApplicationBuilder AddDatabaseSchemaHealthCheck(this IHostApplicationBuilder builder)
    {
        builder.AddDatabaseSchemaCheck();
        builder.Services.AddOptions<HealthOptions>()
            .BindConfiguration(HealthOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<DatabaseSchemaHealthCheck>();
        builder.Services.AddSingleton<DatabaseSchemaMonitor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DatabaseSchemaMonitor>());
        builder.Services.AddHealthChecks().AddCheck<DatabaseSchemaMonitor>(Name, tags: ["ready"]);
        return builder;
    }
}
