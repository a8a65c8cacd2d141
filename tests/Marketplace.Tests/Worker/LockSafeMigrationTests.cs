using System.Diagnostics;
using Marketplace.Data.Migrations;
using Marketplace.SchemaGuard.MigrationMarks;
using Marketplace.Tests.Support;
using Npgsql;

namespace Marketplace.Tests.Worker;

/// <summary>
/// Migrations never stall traffic: each statement waits for a table lock at most MigrationWorker:DdlLockTimeout, so
/// the queries queued behind it go on; a migration that cannot get its lock gives up naming who holds it; and a worker
/// killed part-way leaves a database the next run completes.
/// </summary>
public sealed class LockSafeMigrationTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_migration_blocked_by_a_long_transaction_gives_up_naming_it_and_traffic_on_the_table_goes_on()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        await db.MigrateToAsync("AddListingIndexes", Ct);
        await db.InsertSellerWithListingsAsync(Ct);
        await using var blocker = await OpenAsync(database.ConnectionString, "nightly-report");
        await using var blocking = await ReadListingsInAnOpenTransactionAsync(blocker);
        var settings = new Dictionary<string, string?>
        {
            ["MigrationWorker:DdlLockTimeout"] = "00:00:02",
            ["MigrationWorker:DdlLockAttempts"] = "2",
        };

        var migrating = WorkerRunner.RunAsync(database.ConnectionString, [], settings, Ct);
        await WaitForLockWaitOnListingAsync(db);
        // Another reader arrives while the migration waits: it queues behind the ALTER's lock request, and goes on once
        // the lock timeout lets the migration step back, while the report still holds its lock.
        var reading = Stopwatch.StartNew();
        Assert.Equal(10L, await db.ScalarAsync<long>("""SELECT count(*) FROM "Listing" """, Ct));
        reading.Stop();
        var migrate = await migrating;

        Assert.Equal(4, migrate.ExitCode);
        Assert.Contains($"Migration {Db.MigrationId("AddCategoryModel")} waited longer than MigrationWorker:DdlLockTimeout (2 s)", migrate.Error, StringComparison.Ordinal);
        Assert.Contains($"held by session {blocker.ProcessID} (application 'nightly-report'", migrate.Error, StringComparison.Ordinal);
        Assert.Contains("It was not applied.", migrate.Error, StringComparison.Ordinal);
        Assert.Contains("This run applied nothing before it.", migrate.Error, StringComparison.Ordinal);
        Assert.Equal(5, (await db.AppliedMigrationsAsync(Ct)).Count);
        TestContext.Current.TestOutputHelper?.WriteLine($"A reader that arrived while the migration waited got its answer after {reading.ElapsedMilliseconds} ms (lock timeout 2,000 ms).");

        await blocking.RollbackAsync(Ct);
        var rerun = await WorkerRunner.RunAsync(database.ConnectionString, [], settings, Ct);

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal(Db.AllMigrations(), await db.AppliedMigrationsAsync(Ct));
    }

    [Fact]
    public async Task A_migration_marked_without_lock_timeout_waits_for_its_lock_as_long_as_it_takes()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        await db.MigrateToAsync("AddListingIndexes", Ct);
        await using var blocker = await OpenAsync(database.ConnectionString, "nightly-report");
        await using var blocking = await ReadListingsInAnOpenTransactionAsync(blocker);
        var settings = new Dictionary<string, string?>
        {
            ["MigrationWorker:DdlLockTimeout"] = "00:00:00.500",
            ["MigrationWorker:DdlLockAttempts"] = "1",
        };

        var migrating = WorkerRunner.RunAsync(database.ConnectionString, [], ChangedMigrations.Swap<AddCategoryModel, PatientAddCategoryModel>(), settings, Ct);
        await WaitForLockWaitOnListingAsync(db);
        // Four times the lock timeout later, it is still waiting rather than giving up.
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        Assert.False(migrating.IsCompleted);
        await WaitForLockWaitOnListingAsync(db);
        await blocking.RollbackAsync(Ct);
        var migrate = await migrating;

        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        Assert.Equal(Db.AllMigrations(), await db.AppliedMigrationsAsync(Ct));
    }

    [WithoutLockTimeout(Reason = "A test: this copy of AddCategoryModel must wait for the report whatever the setting.")]
    private sealed class PatientAddCategoryModel : AddCategoryModel;

    [Fact]
    public async Task A_worker_killed_during_a_concurrent_index_build_leaves_an_invalid_index_the_next_run_drops_and_builds_again()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        await db.MigrateToAsync("AddAdminAudit", Ct);
        // A writer's open transaction: a concurrent index build waits for it after it has made the (still invalid) index.
        await using var writer = await OpenAsync(database.ConnectionString, "long-writer");
        await using var writing = await writer.BeginTransactionAsync(Ct);
        await new NpgsqlCommand("""LOCK TABLE "Listing" IN ROW EXCLUSIVE MODE""", writer, writing).ExecuteNonQueryAsync(Ct);
        using var worker = WorkerRunner.StartProcess(Environment(database.ConnectionString, ddlLockTimeout: "00:05:00"), [], Ct);

        await WaitUntilAsync(db, """SELECT count(*) FROM pg_index ix JOIN pg_class c ON c.oid = ix.indexrelid WHERE NOT ix.indisvalid AND c.relname = 'IX_Listing_Category_Status_Price'""");
        var killed = await worker.KillAsync();
        // The server notices the vanished client within a second (client_connection_check_interval) and cancels the build,
        // although the writer it waits for is still there: nothing finishes the migration's work unrecorded.
        await WaitUntilAsync(db, "SELECT count(*) = 0 FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'CREATE INDEX CONCURRENTLY%'", expectTrue: true);
        await writing.RollbackAsync(Ct);
        Assert.NotEqual(0, killed.ExitCode);
        Assert.Equal(1L, await db.ScalarAsync<long>("""SELECT count(*) FROM pg_index ix JOIN pg_class c ON c.oid = ix.indexrelid WHERE NOT ix.indisvalid AND c.relname = 'IX_Listing_Category_Status_Price'""", Ct));
        Assert.Equal(4, (await db.AppliedMigrationsAsync(Ct)).Count);

        var rerun = await WorkerRunner.RunProcessAsync(Environment(database.ConnectionString), [], Ct);

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Contains($"Dropped index IX_Listing_Category_Status_Price, left INVALID by an interrupted concurrent build of migration {Db.MigrationId("AddListingIndexes")}", rerun.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_index WHERE NOT indisvalid", Ct));
        Assert.Equal(Db.AllMigrations(), await db.AppliedMigrationsAsync(Ct));
    }

    [Fact]
    public async Task A_worker_killed_while_a_migration_waits_for_its_lock_leaves_nothing_half_done()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        await db.MigrateToAsync("AddListingIndexes", Ct);
        await db.InsertSellerWithListingsAsync(Ct);
        await using var blocker = await OpenAsync(database.ConnectionString, "nightly-report");
        await using var blocking = await ReadListingsInAnOpenTransactionAsync(blocker);
        using var worker = WorkerRunner.StartProcess(Environment(database.ConnectionString, ddlLockTimeout: "00:05:00"), [], Ct);

        await WaitForLockWaitOnListingAsync(db);
        await worker.KillAsync();
        await blocking.RollbackAsync(Ct);
        var rerun = await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct);

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal(Db.AllMigrations(), await db.AppliedMigrationsAsync(Ct));
        Assert.Equal(10L, await db.ScalarAsync<long>("""SELECT count(*) FROM "Listing" WHERE "CategoryId" IS NOT NULL""", Ct));
    }

    [Fact]
    public async Task An_object_a_pending_migration_made_before_an_interrupted_run_is_named_with_how_to_undo_it()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        await db.MigrateToAsync("AddAdminAudit", Ct);
        // What a run killed after AddListingIndexes' first concurrent build, and before its history row, leaves.
        await db.ExecuteAsync("""CREATE INDEX "IX_Listing_Category_Status_Price" ON "Listing" ("Category", "Status", "Price")""", Ct);

        var migrate = await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct);

        Assert.Equal(5, migrate.ExitCode);
        Assert.Contains($"index IX_Listing_Category_Status_Price (from {Db.MigrationId("AddListingIndexes")}; undo with DROP INDEX CONCURRENTLY \"IX_Listing_Category_Status_Price\";)", migrate.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was applied.", migrate.Error, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Environment(string connectionString, string? ddlLockTimeout = null) => new()
    {
        ["ConnectionStrings__marketplacedb"] = connectionString,
        ["MigrationWorker__DdlLockTimeout"] = ddlLockTimeout,
    };

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, string applicationName)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = applicationName, Pooling = false }.ConnectionString);
        await connection.OpenAsync(Ct);
        return connection;
    }

    /// <summary>A report that reads Listing in a transaction it leaves open: AddCategoryModel's ALTER TABLE "Listing" needs it gone.</summary>
    private static async Task<NpgsqlTransaction> ReadListingsInAnOpenTransactionAsync(NpgsqlConnection connection)
    {
        var transaction = await connection.BeginTransactionAsync(Ct);
        await new NpgsqlCommand("""SELECT count(*) FROM "Listing" """, connection, transaction).ExecuteScalarAsync(Ct);
        return transaction;
    }

    private static Task WaitForLockWaitOnListingAsync(Db db) => WaitUntilAsync(db, """
        SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'Listing' AND NOT l.granted
        """);

    /// <summary>Polls until <paramref name="sql"/> answers non-zero (or true); a correctness bound, not a speed target.</summary>
    private static async Task WaitUntilAsync(Db db, string sql, bool expectTrue = false)
    {
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            var value = await db.ScalarAsync<object>(sql, Ct);
            if (expectTrue ? value is true : value is long and > 0)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), Ct);
        }

        Assert.Fail($"Never came true within a minute: {sql}");
    }
}
