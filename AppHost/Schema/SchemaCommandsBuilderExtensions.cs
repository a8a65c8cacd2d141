using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.AppHost.Schema;

/// <summary>
/// The migration worker's dashboard commands: ask for the migration status, rerun the migration, lint the migrations.
/// Aspire's EF Core integration offers update, status, add/remove migration, drop and reset; for a production-grade
/// worker the worker itself is the update (lock, checksums, verification, seeding and backfill, with its spans), status
/// adds checksums and drift to EF's list, lint adds the unsafe-operation checks, and the source-changing and
/// data-destroying commands stay with the terminal (they need a rebuild, or a human's intent, more than a button).
/// </summary>
public static class SchemaCommandsBuilderExtensions
{
    public const string StatusCommand = "migration-status";
    public const string MigrateCommand = "migration-apply";
    public const string LintCommand = "migration-lint";

    private const string StatusProperty = "marketplace.schema.status";
    private const string StatusCheckedProperty = "marketplace.schema.checked";

    private static readonly TimeSpan RerunTimeout = TimeSpan.FromMinutes(10);

    public static IResourceBuilder<ProjectResource> WithSchemaCommands(this IResourceBuilder<ProjectResource> worker)
    {
        var runner = new WorkerCommandRunner(worker.Resource);

        worker.WithCommand(StatusCommand, "Migration status", context => StatusAsync(context, runner, worker.Resource), new CommandOptions
        {
            Description = "Applied migrations (with when), pending ones, applied ones changed since (checksums), and drift between the database and the model: the worker's status command.",
            IconName = "DatabaseSearch",
            IsHighlighted = true,
            UpdateState = context => IsBusy(context.ResourceSnapshot) ? ResourceCommandState.Disabled : ResourceCommandState.Enabled,
        });

        worker.WithCommand(MigrateCommand, "Apply migrations", context => MigrateAsync(context, worker.Resource), new CommandOptions
        {
            Description = "Run the migration worker again: wait for the database, take the migration lock, validate checksums, apply pending migrations, verify, seed and backfill.",
            IconName = "DatabaseArrowUp",
            UpdateState = context => IsBusy(context.ResourceSnapshot) ? ResourceCommandState.Disabled : ResourceCommandState.Enabled,
        });

        worker.WithCommand(LintCommand, "Lint migrations", context => LintAsync(context, runner), new CommandOptions
        {
            Description = "Unsafe operations in the migrations (drops, renames, blocking index builds, table rewrites): the worker's lint command. Needs no database.",
            IconName = "DocumentSearch",
        });

        return worker;
    }

    private static bool IsBusy(CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text is { } state && (state == KnownResourceStates.Running || state == KnownResourceStates.Starting || state == KnownResourceStates.Waiting);

    private static async Task<ExecuteCommandResult> StatusAsync(ExecuteCommandContext context, WorkerCommandRunner runner, ProjectResource worker)
    {
        var result = await runner.RunAsync(context, ["status", "--json"]);
        if (!MigrationStatus.IsReport(result.ExitCode))
        {
            return CommandResults.Failure(FailureOf("status", result));
        }

        var status = MigrationStatus.Parse(result.ExitCode, result.Output);

        // The verdict stays on the worker's details, next to its exit code, until the next check.
        var notifications = context.Services.GetRequiredService<ResourceNotificationService>();
        await notifications.PublishUpdateAsync(worker, snapshot => snapshot with
        {
            Properties = snapshot.Properties
                .Where(p => p.Name is not StatusProperty and not StatusCheckedProperty)
                .Append(new ResourcePropertySnapshot(StatusProperty, status.Verdict))
                .Append(new ResourcePropertySnapshot(StatusCheckedProperty, DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture)))
                .ToImmutableArray(),
        });

        return result.ExitCode == MigrationStatus.Current
            ? CommandResults.Success(status.Verdict, status.ToMarkdown(), CommandResultFormat.Markdown)
            : CommandResults.Failure(status.Verdict, status.ToMarkdown(), CommandResultFormat.Markdown);
    }

    private static async Task<ExecuteCommandResult> MigrateAsync(ExecuteCommandContext context, ProjectResource worker)
    {
        var commands = context.Services.GetRequiredService<ResourceCommandService>();
        var notifications = context.Services.GetRequiredService<ResourceNotificationService>();

        // The run that ended before is still the current state for a moment after the start; only a run that started
        // after it has the verdict.
        var previousStart = notifications.TryGetCurrentState(worker.Name, out var before) ? before.Snapshot.StartTimeStamp : null;
        var started = await commands.ExecuteCommandAsync(worker, KnownResourceCommands.StartCommand, context.CancellationToken);
        if (!started.Success)
        {
            return CommandResults.Failure($"The migration worker could not be started again: {started.Message}");
        }

        // The worker's own exit code is the verdict; its log and spans (one per migration) are under its name as usual.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        timeout.CancelAfter(RerunTimeout);
        var ended = await notifications.WaitForResourceAsync(
            worker.Name,
            e => e.Snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state)
                && e.Snapshot.StartTimeStamp is { } start && start != previousStart,
            timeout.Token);
        return ended.Snapshot.ExitCode == 0
            ? CommandResults.Success("The migration worker ran again and exited 0: the database is ready for this build.")
            : CommandResults.Failure($"The migration worker exited {ended.Snapshot.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "without an exit code"}: its console log names what failed.");
    }

    private static async Task<ExecuteCommandResult> LintAsync(ExecuteCommandContext context, WorkerCommandRunner runner)
    {
        var result = await runner.RunAsync(context, ["lint"]);
        var report = $"```\n{result.Output.Trim()}\n```";
        return result.ExitCode switch
        {
            0 => CommandResults.Success("No unacknowledged unsafe operation in the migrations.", report, CommandResultFormat.Markdown),
            8 => CommandResults.Failure("Unacknowledged unsafe operations in the migrations (the worker's lint exit code 8).", report, CommandResultFormat.Markdown),
            _ => CommandResults.Failure(FailureOf("lint", result)),
        };
    }

    private static string FailureOf(string command, WorkerCommandRunner.Result result) =>
        $"The worker's {command} command exited {result.ExitCode}: {(string.IsNullOrWhiteSpace(result.Error) ? result.Output : result.Error).Trim()}";
}
