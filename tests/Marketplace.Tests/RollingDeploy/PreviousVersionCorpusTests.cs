using Marketplace.Data;
using Marketplace.SchemaGuard.Linting;
using Marketplace.SchemaGuard.RollingDeploy;
using Marketplace.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace Marketplace.Tests.RollingDeploy;

/// <summary>
/// The proof against changes made after the history, each on a copy of a current database: what breaks the running
/// version fails it even when lint acknowledges the change, and a contract step or a label not written yet does not.
/// </summary>
public sealed class PreviousVersionCorpusTests(CurrentDatabaseTemplate template) : IClassFixture<CurrentDatabaseTemplate>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dropping_a_column_the_running_version_reads_fails_the_proof_even_when_lint_acknowledges_it()
    {
        var result = await ProveAsync(new DropListingAiModel());

        Assert.False(result.Holds);
        Assert.Contains(result.Problems, p => p.StartsWith("Listing: the previous version's insert fails: 42703", StringComparison.Ordinal)
            && p.Contains("\"AiModel\"", StringComparison.Ordinal));
        Assert.Empty(result.BaselineProblems);
        Assert.DoesNotContain(Lint(new DropListingAiModel()).Findings, f => f.IsBlocking);
    }

    [Fact]
    public async Task A_contract_step_leaves_out_the_column_it_names_and_the_proof_holds()
    {
        var result = await ProveAsync(new DropListingAiModelContractStep());

        Assert.True(result.Holds, result.ToString());
        Assert.Equal(["column Listing.AiModel: contract step"], result.Skipped);
    }

    [Fact]
    public async Task Renaming_a_column_fails_the_proof_naming_it()
    {
        var result = await ProveAsync(new RenameListingTitle());

        Assert.Contains(result.Problems, p => p.Contains("42703", StringComparison.Ordinal) && p.Contains("\"Title\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_required_column_without_a_default_fails_the_previous_versions_insert()
    {
        var result = await ProveAsync(new AddRequiredUserLocale());

        var problem = Assert.Single(result.Problems, p => p.StartsWith("User:", StringComparison.Ordinal));
        Assert.Contains("23502", problem, StringComparison.Ordinal);
        Assert.Contains("\"Locale\"", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_required_column_with_a_default_and_a_nullable_column_keep_the_previous_version_working()
    {
        Assert.True((await ProveAsync(new AddRequiredUserLocaleWithDefault())).Holds);
        var notes = await ProveAsync(new AddListingNotes());
        Assert.True(notes.Holds, notes.ToString());
        Assert.True(notes.Rows > 20, notes.ToString());
    }

    [Fact]
    public async Task A_label_the_running_version_does_not_know_fails_its_npgsql_mapping_on_rows_that_hold_it()
    {
        var result = await ProveAsync(new AddListingStatusReserved());

        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("Listing.Status: the previous version cannot read it as listing_status from a row holding 'reserved': ", problem, StringComparison.Ordinal);
        Assert.Contains("Received enum value 'reserved'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_label_marked_not_written_yet_is_left_out_and_the_proof_holds()
    {
        var result = await ProveAsync(new AddListingStatusReservedNotWrittenYet());

        Assert.True(result.Holds, result.ToString());
        Assert.Equal(["rows holding 'reserved' in Listing.Status: the label is not written yet"], result.Skipped);
    }

    [Fact]
    public async Task A_label_in_a_table_the_running_version_does_not_read_is_left_out_of_the_proof_and_acknowledged_by_lint()
    {
        var result = await ProveAsync(new AddListingStatusReservedToATableNotRead());

        Assert.True(result.Holds, result.ToString());
        Assert.Equal(["rows holding each label in Listing: the previous version does not read the table"], result.Skipped);
        var finding = Assert.Single(Lint(new AddListingStatusReservedToATableNotRead()).Findings, f => f.RuleId == LintRuleIds.AddEnumLabel);
        Assert.False(finding.IsBlocking);
        Assert.Equal("Corpus: the running version is said to read no listing.", finding.AcknowledgedReason);
    }

    [Fact]
    public async Task A_mark_on_another_table_excuses_nothing_and_one_on_a_table_the_model_does_not_map_is_stale()
    {
        var result = await ProveAsync(new AddListingStatusReservedWithTheWrongTableNotRead());

        Assert.Contains(result.Problems, p => p.StartsWith("Listing.Status: the previous version cannot read it as listing_status from a row holding 'reserved'", StringComparison.Ordinal));
        var findings = Lint(new AddListingStatusReservedWithTheWrongTableNotRead()).Findings;
        Assert.True(Assert.Single(findings, f => f.RuleId == LintRuleIds.AddEnumLabel).IsBlocking);
        Assert.Equal("Nowhere", Assert.Single(findings, f => f.RuleId == LintRuleIds.StaleAcknowledgement).Target.ToString());
    }

    [Fact]
    public async Task A_wider_integer_column_still_reads_as_the_running_versions_int_so_the_proof_holds() =>
        Assert.True((await ProveAsync(new WidenListingCategoryId())).Holds);

    private static MigrationLintResult Lint(Migration migration) =>
        MigrationLinter.Lint(new LintSubject(migration, Db.MigrationSequence().Migrations[^1].TargetModel));

    /// <summary>Applies the migration to a copy of a current database, as the worker would, and proves it against the latest migration's model.</summary>
    private async Task<PreviousVersionResult> ProveAsync(Migration migration)
    {
        await using var database = await template.CopyAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        await using var context = db.CreateContext();
        var latest = Db.MigrationSequence().Migrations[^1];

        return await PreviousVersionProof.ProveAsync(
            database.ConnectionString,
            PreviousVersionProof.DesignTimeModel(context, latest),
            LintSubject.IdOf(latest),
            migration,
            ct => context.GetService<IMigrationCommandExecutor>().ExecuteNonQueryAsync(
                context.GetService<IMigrationsSqlGenerator>().Generate(migration.UpOperations),
                context.GetService<IRelationalConnection>(),
                ct),
            Ct);
    }
}
