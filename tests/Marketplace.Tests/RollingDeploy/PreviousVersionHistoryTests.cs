using Marketplace.SchemaGuard.RollingDeploy;
using Marketplace.Tests.Support;

namespace Marketplace.Tests.RollingDeploy;

/// <summary>
/// The CI gate for rolling deploys: for every migration of the history, the version built on the migration before it
/// still writes and reads every table it maps against the schema after it. A future migration that breaks the running
/// version (a dropped or renamed column, a required column without default, an enum label rows will hold) fails here
/// even when lint acknowledges it; only a contract step's objects are left out.
/// </summary>
public sealed class PreviousVersionHistoryTests(PostgresServer server)
{
    [Fact]
    public async Task Every_migration_keeps_the_previous_version_working()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await server.CreateDatabaseAsync(ct);
        await using var db = new Db(database.ConnectionString);
        await using var context = db.CreateContext();

        var results = await PreviousVersionProof.ProveHistoryAsync(context, database.ConnectionString, ct);

        Assert.True(results.All(r => r.Holds), string.Join(Environment.NewLine, results.Where(r => !r.Holds)));
        // Every migration after the first was tried, and each try wrote and read rows in every table the previous model maps.
        Assert.Equal(Db.AllMigrations().Skip(1), results.Select(r => r.MigrationId));
        Assert.All(results, r => Assert.True(r.Rows >= 2, r.ToString()));
        Assert.Equal(Db.AllMigrations()[^1], (await db.AppliedMigrationsAsync(ct))[^1]);
    }
}
