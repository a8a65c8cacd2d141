using Marketplace.Data;
using Marketplace.SchemaGuard.Linting;
using Marketplace.Tests.Linting.Corpus;
using Marketplace.Tests.Support;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.Tests.Linting;

/// <summary>The CI gate: the project's own migrations, linted as the worker's <c>lint</c> command lints them.</summary>
public sealed class MarketplaceMigrationsLintTests
{
    /// <summary>The six migrations of the incident's history, judged once and fixed or acknowledged for good.</summary>
    private static readonly string[] History =
    [
        "Initial", "AddAiTrackingFields", "AddAuthTokens", "AddAdminAudit", "AddListingIndexes", "AddCategoryModel",
    ];

    [Fact]
    public void No_migration_has_an_unacknowledged_error()
    {
        var report = MigrationLinter.Lint(Db.MigrationSequence().Subjects());

        if (LintGate.Failure(report) is { } failure)
        {
            Assert.Fail(failure);
        }
    }

    [Fact]
    public void The_historical_migrations_lint_clean_every_finding_fixed_or_acknowledged_with_a_reason()
    {
        var sequence = Db.MigrationSequence();
        var ids = History.Select(name => sequence.FindId(name) ?? throw new InvalidOperationException($"No migration named {name}.")).ToHashSet();

        var report = MigrationLinter.Lint(sequence.Subjects().Where(s => ids.Contains(s.Id)));

        Assert.Equal(History.Length, report.Migrations.Count);
        Assert.True(report.Findings.All(f => f.IsAcknowledged), report.ToText());
    }

    [Fact]
    public void A_new_migration_that_drops_a_column_fails_the_gate_naming_the_rule_table_and_column()
    {
        var marketplace = Db.MigrationSequence();
        var withDrop = MigrationSequence.Of([.. marketplace.Migrations, new DropListingDescriptionAfterHistory()], MarketplaceDbContextFactory.MigrationsFolder);

        var failure = LintGate.Failure(MigrationLinter.Lint(withDrop.Subjects()));

        Assert.NotNull(failure);
        Assert.Contains("error drop-column: Listing.Description" + Environment.NewLine, failure, StringComparison.Ordinal);
        Assert.Contains("20991231000000_DropListingDescriptionAfterHistory", failure, StringComparison.Ordinal);
    }

    /// <summary>Every kind of operation that blocks traffic on a live table or breaks the running version, one migration each.</summary>
    public static TheoryData<Type, string> BlockingOperations => new()
    {
        { typeof(IndexListingTitleBlocking), LintRuleIds.CreateIndexBlocking },
        { typeof(DropListingTitleIndexBlocking), LintRuleIds.DropIndexBlocking },
        { typeof(AddListingSellerForeignKey), LintRuleIds.AddForeignKey },
        { typeof(AddListingPriceCheck), LintRuleIds.AddCheckConstraint },
        { typeof(AddListingAlternateKey), LintRuleIds.AddUniqueConstraint },
        { typeof(AddListingPrimaryKey), LintRuleIds.AddPrimaryKey },
        { typeof(RequireListingDescription), LintRuleIds.SetNotNull },
        { typeof(RequireListingDescriptionWithDefault), LintRuleIds.BackfillUpdate },
        { typeof(WidenListingViewsToBigint), LintRuleIds.AlterColumnType },
        { typeof(ListingTitleToInteger), LintRuleIds.AlterColumnType },
        { typeof(AddListingPublicIdRandom), LintRuleIds.AddColumnVolatileDefault },
        { typeof(AddListingStoredSlug), LintRuleIds.AddStoredGeneratedColumn },
        { typeof(AddRequiredListingSku), LintRuleIds.AddRequiredColumnWithoutDefault },
        { typeof(DropListingStatusLabel), LintRuleIds.DropEnumLabel },
        { typeof(AddListingStatusLabels), LintRuleIds.AddEnumLabel },
        { typeof(WithoutLockTimeoutBlankReason), LintRuleIds.WithoutLockTimeout },
        { typeof(RenameListingTitle), LintRuleIds.RenameColumn },
        { typeof(RenameListing), LintRuleIds.RenameTable },
        { typeof(DropListingTitle), LintRuleIds.DropColumn },
        { typeof(DropListing), LintRuleIds.DropTable },
    };

    [Theory]
    [MemberData(nameof(BlockingOperations))]
    public void An_unacknowledged_blocking_operation_of_any_kind_fails_the_gate(Type migrationType, string ruleId)
    {
        var migration = (Migration)Activator.CreateInstance(migrationType)!;

        var failure = LintGate.Failure(MigrationLinter.Lint(MigrationSequence.Of([new ListingTableMigration(), migration]).Subjects()));

        Assert.NotNull(failure);
        Assert.Contains($": error {ruleId}: ", failure, StringComparison.Ordinal);
    }
}

/// <summary>What makes CI fail: an unacknowledged error, explained with the whole report.</summary>
internal static class LintGate
{
    public static string? Failure(LintReport report) =>
        report.HasBlockingFindings
            ? $"""
               {report.BlockingFindings.Count} unacknowledged migration lint error(s). Fix the migration, or acknowledge a finding that is safe for this database with [AcknowledgeLint("<rule>", "<target>", Reason = "...")] on the migration class.

               {report.ToText()}
               """
            : null;
}
