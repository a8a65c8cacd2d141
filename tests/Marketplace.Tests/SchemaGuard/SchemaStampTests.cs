using Marketplace.Data;
using Marketplace.SchemaGuard;
using Marketplace.SchemaGuard.Drift;
using Marketplace.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Tests.SchemaGuard;

/// <summary>
/// The stamp: a database this build verified is recognised as current in one round trip, without creating a DbContext;
/// any change since (to the schema, the history or the build's allow-list) makes it verify in full again.
/// </summary>
public sealed class SchemaStampTests(CurrentDatabaseTemplate template) : IClassFixture<CurrentDatabaseTemplate>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Readiness_on_a_database_the_worker_stamped_needs_no_DbContext()
    {
        await using var database = await template.CopyAsync(Ct);

        var verdict = await ReadinessProbe.CheckAsync(database.ConnectionString, services =>
            services.AddScoped<MarketplaceDbContext>(_ => throw new InvalidOperationException("the full verification ran")));

        Assert.True(verdict.IsReady, verdict.Description);
    }

    [Fact]
    public async Task Another_allow_list_is_another_build_key_so_the_stamp_no_longer_vouches()
    {
        await using var database = await template.CopyAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        var allow = new SchemaDriftOptions();
        allow.Allow.Add(new SchemaDriftAllowance { Object = "index IX_Listing_Title_Lower", Reason = "DBA: case-insensitive title lookups" });

        var same = await new GuardedContext(typeof(MarketplaceDbContext), Options.Create(new SchemaDriftOptions())).ReadStampAsync(db.DataSource, null, Ct);
        var other = await new GuardedContext(typeof(MarketplaceDbContext), Options.Create(allow)).ReadStampAsync(db.DataSource, null, Ct);

        Assert.True(same.IsVerified);
        Assert.False(other.IsVerified);
        Assert.Equal(same.Fingerprint, other.Fingerprint);
    }

    [Fact]
    public async Task A_row_written_to_the_history_changes_the_fingerprint()
    {
        await using var database = await template.CopyAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        var guarded = new GuardedContext(typeof(MarketplaceDbContext), Options.Create(new SchemaDriftOptions()));
        var before = await guarded.ReadStampAsync(db.DataSource, null, Ct);

        await db.ExecuteAsync("""UPDATE "__MarketplaceMigrationChecksums" SET "Checksum" = repeat('0', 64) WHERE "MigrationId" = (SELECT min("MigrationId") FROM "__MarketplaceMigrationChecksums")""", Ct);
        var after = await guarded.ReadStampAsync(db.DataSource, null, Ct);

        Assert.True(before.IsVerified);
        Assert.NotEqual(before.Fingerprint, after.Fingerprint);
        Assert.False(after.IsVerified);
    }

    [Fact]
    public void Every_kind_of_object_the_detector_names_is_read_by_a_catalog_query_the_fingerprint_covers() =>
        Assert.Equal(
            SchemaObjectKind.All.Order(StringComparer.Ordinal),
            CatalogSchemaReader.Queries.SelectMany(q => q.Kinds).Distinct().Order(StringComparer.Ordinal));
}
