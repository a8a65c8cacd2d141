using Marketplace.SchemaGuard.Drift;
using Marketplace.SchemaGuard.History;
using Marketplace.SchemaGuard.Verification;
using Marketplace.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Tests.SchemaGuard;

/// <summary>
/// The drift detector against one fully migrated database. Each case changes the schema by hand inside a transaction,
/// detects, and rolls back (PostgreSQL's DDL is transactional), so the cases share the database and stay fast.
/// </summary>
public sealed class SchemaDriftDetectorTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_freshly_migrated_database_has_no_drift()
    {
        var report = await DetectAfterAsync(null);

        Assert.Empty(report.Differences);
        Assert.Equal(22, report.ModelTablesInDatabase);
    }

    [Theory]
    [MemberData(nameof(DriftCorpus.HandEdits), MemberType = typeof(DriftCorpus))]
    public async Task A_hand_edit_is_named_in_one_sentence(string sql, string expected)
    {
        var report = await DetectAfterAsync(sql);

        Assert.Equal([expected], report.Differences.Select(d => d.Description));
    }

    [Fact]
    public async Task The_Apis_full_text_search_index_is_compared_as_an_expression_index()
    {
        var dropped = await DetectAfterAsync("""DROP INDEX "IX_Listing_SearchText" """);
        var replaced = await DetectAfterAsync("""
            DROP INDEX "IX_Listing_SearchText"; CREATE INDEX "IX_Listing_SearchText" ON "Listing" ("Title", "Description")
            """);

        Assert.Equal(["index IX_Listing_SearchText is in the model but not in the database"], dropped.Differences.Select(d => d.Description));
        Assert.Equal(
            [
                "index IX_Listing_SearchText is a text-search expression index over (Title, Description) in the model but a plain index on (Title, Description) in the database",
                "index IX_Listing_SearchText uses method GIN in the model but btree in the database",
            ],
            replaced.Differences.Select(d => d.Description));
    }

    [Fact]
    public async Task A_dropped_primary_key_is_named_with_what_fell_with_it()
    {
        var report = await DetectAfterAsync("""ALTER TABLE "Category" DROP CONSTRAINT "PK_Category" CASCADE""");

        var sentences = report.Differences.Select(d => d.Description).ToList();
        Assert.Contains("primary key PK_Category is in the model but not in the database", sentences);
        Assert.Contains("foreign key FK_Listing_Category_CategoryId is in the model but not in the database", sentences);
    }

    [Fact]
    public async Task Tables_in_a_schema_the_model_does_not_use_are_not_drift()
    {
        var report = await DetectAfterAsync("""CREATE SCHEMA dba; CREATE TABLE dba."Notes" ("Id" int PRIMARY KEY)""");

        Assert.Empty(report.Differences);
    }

    [Fact]
    public async Task An_allowed_difference_is_acknowledged_with_its_reason_and_is_not_drift()
    {
        var allow = new SchemaDriftOptions();
        allow.Allow.Add(new SchemaDriftAllowance { Object = "index IX_Listing_Title_Lower", Reason = "DBA: case-insensitive title lookups" });
        allow.Allow.Add(new SchemaDriftAllowance { Object = "index IX_Gone", Reason = "kept for a while" });

        var report = await DetectAfterAsync("""CREATE INDEX "IX_Listing_Title_Lower" ON "Listing" (lower("Title"))""", allow);

        Assert.Empty(report.Differences);
        var acknowledged = Assert.Single(report.Acknowledged);
        Assert.Equal("index IX_Listing_Title_Lower", acknowledged.Difference.Object);
        Assert.Equal("DBA: case-insensitive title lookups", acknowledged.Reason);
        Assert.Equal("index IX_Gone", Assert.Single(report.UnusedAllowances).Object);
    }

    private async Task<SchemaDriftReport> DetectAfterAsync(string? sql, SchemaDriftOptions? options = null)
    {
        await using var db = new Db(database.ConnectionString);
        await using var context = db.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(Ct);
        if (sql is not null)
        {
            await context.Database.ExecuteSqlRawAsync(sql, Ct);
        }

        var report = await new SchemaDriftDetector(Options.Create(options ?? new SchemaDriftOptions())).DetectAsync(context, Ct);
        await transaction.RollbackAsync(Ct);
        return report;
    }
}
