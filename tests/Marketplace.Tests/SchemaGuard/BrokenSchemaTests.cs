using Marketplace.Data;
using Marketplace.SchemaGuard;
using Marketplace.SchemaGuard.Drift;
using Marketplace.Tests.Support;
using Microsoft.Extensions.Options;

namespace Marketplace.Tests.SchemaGuard;

/// <summary>
/// The guard never trips over the schema it guards: each object of the model broken by hand on a current database, and
/// each hand edit the detector knows, whether the database carries this build's stamp or not. migrate refuses with exit
/// code 5 and names it, the Api's readiness is unhealthy, and the stamp no longer vouches for the database.
/// </summary>
public sealed class BrokenSchemaTests(CurrentDatabaseTemplate template) : IClassFixture<CurrentDatabaseTemplate>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(DriftCorpus.BrokenObjects), MemberType = typeof(DriftCorpus))]
    [MemberData(nameof(DriftCorpus.HandEdits), MemberType = typeof(DriftCorpus))]
    public Task A_stamped_database_broken_by_hand_is_refused_by_migrate_and_readiness(string sql, string sentence) =>
        BreakAndCheckAsync(sql, sentence, keepStamp: true);

    [Theory]
    [MemberData(nameof(DriftCorpus.BrokenObjects), MemberType = typeof(DriftCorpus))]
    public Task An_unstamped_database_broken_by_hand_is_refused_by_migrate_and_readiness(string sql, string sentence) =>
        BreakAndCheckAsync(sql, sentence, keepStamp: false);

    private async Task BreakAndCheckAsync(string sql, string sentence, bool keepStamp)
    {
        await using var database = await template.CopyAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        var guarded = new GuardedContext(typeof(MarketplaceDbContext), Options.Create(new SchemaDriftOptions()));
        Assert.True((await guarded.ReadStampAsync(db.DataSource, null, Ct)).IsVerified, "the template is stamped for this build");
        if (!keepStamp)
        {
            await db.ExecuteAsync("""DELETE FROM "__MarketplaceSchemaVerifications" """, Ct);
        }

        await db.ExecuteAsync(sql, Ct);

        Assert.False((await guarded.ReadStampAsync(db.DataSource, null, Ct)).IsVerified, "the stamp still vouches for the broken database");
        var migrate = await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct);
        Assert.True(migrate.ExitCode == 5, migrate.ToString());
        Assert.Contains(sentence, migrate.Error, StringComparison.Ordinal);
        var readiness = await ReadinessProbe.CheckAsync(database.ConnectionString);
        Assert.False(readiness.IsReady, readiness.Description);
    }
}
