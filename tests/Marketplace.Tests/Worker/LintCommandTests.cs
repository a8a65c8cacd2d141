using System.CommandLine;
using System.Text.Json;
using Marketplace.MigrationWorker;
using Marketplace.MigrationWorker.Commands;
using Marketplace.SchemaGuard.Linting;
using Marketplace.Tests.Linting.Corpus;
using Marketplace.Tests.Support;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.Tests.Worker;

/// <summary>The worker's <c>lint</c> command, run in-process over corpora and over the real migrations.</summary>
public sealed class LintCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<WorkerResult> LintAsync(Migration[] corpus, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var invocation = new WorkerInvocation { Output = output, Error = error };
        var command = LintCommand.Create(invocation, () => MigrationSequence.Of(corpus, "Corpus"));
        var exitCode = await command.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, Ct);
        return new WorkerResult(exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task An_unacknowledged_error_prints_it_grouped_by_migration_and_exits_8()
    {
        var result = await LintAsync([new ListingTableMigration(), new DropListingTitle(), new IndexListingTitleBlocking()]);

        Assert.Equal(ExitCodes.UnsafeMigration, result.ExitCode);
        Assert.Contains("Corpus/20240201000002_DropListingTitle.cs: error drop-column: Listing.Title" + Environment.NewLine, result.Output, StringComparison.Ordinal);
        Assert.Contains("Corpus/20240501000000_IndexListingTitleBlocking.cs: error create-index-blocking: Listing.IX_Listing_Title" + Environment.NewLine, result.Output, StringComparison.Ordinal);
        Assert.Contains("AcknowledgeLint", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warnings_and_acknowledged_errors_alone_exit_0()
    {
        var result = await LintAsync([new ListingTableMigration(), new BackfillListingViews(), new StaleAcknowledgements()]);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("warning raw-sql: sql#1", result.Output, StringComparison.Ordinal);
        Assert.Contains("acknowledged error drop-column: Listing.Title", result.Output, StringComparison.Ordinal);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Migration_marks_are_listed_with_their_reasons_and_a_blocking_operation_of_any_kind_exits_8()
    {
        var marked = await LintAsync([new ListingTableMigration(), new DropListingDescriptionContract(), new AddListingPriceCheckWithoutLockTimeout()]);
        var blocking = await LintAsync([new ListingTableMigration(), new RequireListingDescriptionWithDefault()]);

        Assert.True(marked.ExitCode == ExitCodes.Success, marked.ToString());
        Assert.Contains(": acknowledged error contract-step: Listing.Description" + Environment.NewLine, marked.Output, StringComparison.Ordinal);
        Assert.Contains("    Acknowledged: Release 2024.31 stopped reading and writing Description and runs everywhere.", marked.Output, StringComparison.Ordinal);
        Assert.Contains(": acknowledged error without-lock-timeout: lock_timeout" + Environment.NewLine, marked.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.UnsafeMigration, blocking.ExitCode);
        Assert.Contains(": error backfill-update: Listing.Description" + Environment.NewLine, blocking.Output, StringComparison.Ordinal);
        Assert.Contains(": error set-not-null: Listing.Description" + Environment.NewLine, blocking.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_is_the_report_alone_and_keeps_the_exit_code()
    {
        var result = await LintAsync([new ListingTableMigration(), new DropListingTitle()], "--json");

        Assert.Equal(ExitCodes.UnsafeMigration, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var finding = json.RootElement.GetProperty("migrations")[1].GetProperty("findings")[0];
        Assert.Equal(("drop-column", "error", "Listing.Title"),
            (finding.GetProperty("rule").GetString(), finding.GetProperty("severity").GetString(), finding.GetProperty("target").GetString()));
    }

    [Fact]
    public async Task Since_lints_only_the_newer_migrations()
    {
        Migration[] corpus = [new ListingTableMigration(), new DropListingTitle(), new IndexListingTitleConcurrently()];

        var all = await LintAsync(corpus);
        var newer = await LintAsync(corpus, "--since", "DropListingTitle");

        Assert.Equal(ExitCodes.UnsafeMigration, all.ExitCode);
        Assert.True(newer.ExitCode == ExitCodes.Success, newer.ToString());
        Assert.DoesNotContain("drop-column", newer.Output, StringComparison.Ordinal);
        Assert.Contains("Linted 1 migration:", newer.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Since_an_unknown_migration_is_a_usage_error_that_lists_the_known_ones()
    {
        var result = await LintAsync([new ListingTableMigration(), new DropListingTitle()], "--since", "AddNothing");

        Assert.Equal(ExitCodes.UsageOrConfiguration, result.ExitCode);
        Assert.Contains("'AddNothing'", result.Error, StringComparison.Ordinal);
        Assert.Contains("20240201000002_DropListingTitle", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Through_the_worker_entry_point_the_real_migrations_lint_clean_without_a_connection_string()
    {
        var result = await WorkerRunner.RunAsync(connectionString: null, ["lint"], cancellationToken: Ct);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("Data/Migrations/", result.Output, StringComparison.Ordinal);
        Assert.Contains(" 0 errors", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_lint_command()
    {
        var result = await WorkerRunner.RunAsync(connectionString: null, ["--help"], cancellationToken: Ct);

        Assert.Contains("lint", result.Output, StringComparison.Ordinal);
    }
}
