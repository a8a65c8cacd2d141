using System.Text.Json;
using Marketplace.Data;
using Marketplace.Data.Migrations;
using Marketplace.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Worker;

/// <summary>The worker's guard: status, drift after migrating, the allow-list, and changed migrations, on real databases.</summary>
public sealed class SchemaGuardTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_incident_replayed_status_names_the_missing_migration_and_the_worker_fixes_it_without_losing_a_listing()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        await db.MigrateToAsync("AddListingIndexes", Ct);
        await db.InsertSellerWithListingsAsync(Ct);

        var status = await WorkerRunner.RunAsync(database.ConnectionString, ["status"], cancellationToken: Ct);

        Assert.True(status.ExitCode == 7, status.ToString());
        Assert.Contains(Db.MigrationId("AddCategoryModel"), status.Output, StringComparison.Ordinal);
        Assert.Contains("column Listing.CategoryId is in the model but not in the database", status.Output, StringComparison.Ordinal);
        Assert.Contains($"behind the code by {Db.AllMigrations().Count - 5} migration", status.Output, StringComparison.Ordinal);

        var migrate = await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct);

        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        Assert.Equal(10L, await db.ScalarAsync<long>("""SELECT count(*) FROM "Listing" """, Ct));
        Assert.Equal(0L, await db.ScalarAsync<long>("""SELECT count(*) FROM "Listing" WHERE "CategoryId" IS NULL""", Ct));
        var after = await WorkerRunner.RunAsync(database.ConnectionString, ["status"], cancellationToken: Ct);
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains("The database is up to date.", after.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_column_dropped_by_hand_is_named_and_the_worker_exits_5_unless_drift_is_allowed()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        Assert.Equal(0, (await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct)).ExitCode);
        await db.ExecuteAsync("""ALTER TABLE "Listing" DROP COLUMN "AiProcessedAt" """, Ct);
        const string sentence = "column Listing.AiProcessedAt is in the model but not in the database";

        var migrate = await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct);
        var status = await WorkerRunner.RunAsync(database.ConnectionString, ["status"], cancellationToken: Ct);
        // The real process, because the warning is a log line and logs go to the process's stderr.
        var allowed = await WorkerRunner.RunProcessAsync(Environment(database.ConnectionString), ["migrate", "--allow-drift"], Ct);

        Assert.Equal(5, migrate.ExitCode);
        Assert.Contains(sentence, migrate.Error, StringComparison.Ordinal);
        Assert.Equal(5, status.ExitCode);
        Assert.Contains(sentence, status.Output, StringComparison.Ordinal);
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Contains("warn:", allowed.Error, StringComparison.Ordinal);
        Assert.Contains("--allow-drift", allowed.Error, StringComparison.Ordinal);
        Assert.Contains(sentence, allowed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_with_nothing_to_do_recognises_a_schema_it_verified_and_still_catches_a_hand_edit_since()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        Assert.Equal(0, (await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct)).ExitCode);

        var unchanged = await WorkerRunner.RunProcessAsync(Environment(database.ConnectionString), [], Ct);
        await db.ExecuteAsync("""ALTER TABLE "User" ALTER COLUMN "DisplayName" TYPE character varying(50)""", Ct);
        var edited = await WorkerRunner.RunProcessAsync(Environment(database.ConnectionString), [], Ct);

        Assert.True(unchanged.ExitCode == 0, unchanged.ToString());
        Assert.Contains("unchanged since this build verified them", unchanged.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Verified the schema", unchanged.Error, StringComparison.Ordinal);
        Assert.Equal(5, edited.ExitCode);
        Assert.Contains("not in a state this build has verified", edited.Error, StringComparison.Ordinal);
        Assert.Contains("column User.DisplayName has maximum length 100 in the model but 50 in the database", edited.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_extra_index_is_drift_unless_the_allow_list_acknowledges_it_with_a_reason()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        Assert.Equal(0, (await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct)).ExitCode);
        await db.ExecuteAsync("""CREATE INDEX "IX_Listing_Title_Lower" ON "Listing" (lower("Title"))""", Ct);
        var allow = new Dictionary<string, string?>
        {
            ["SchemaDrift:Allow:0:Object"] = "index IX_Listing_Title_Lower",
            ["SchemaDrift:Allow:0:Reason"] = "Added by the DBA for case-insensitive title lookups",
        };

        var notAllowed = await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct);
        var allowed = await WorkerRunner.RunAsync(database.ConnectionString, [], allow, Ct);
        var status = await WorkerRunner.RunAsync(database.ConnectionString, ["status"], allow, Ct);

        Assert.Equal(5, notAllowed.ExitCode);
        Assert.Contains("index IX_Listing_Title_Lower is in the database but not in the model", notAllowed.Error, StringComparison.Ordinal);
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("Added by the DBA for case-insensitive title lookups", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trigger_a_DBA_added_is_drift_unless_the_allow_list_acknowledges_it()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        Assert.Equal(0, (await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct)).ExitCode);
        await db.ExecuteAsync("""
            CREATE FUNCTION listing_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$;
            CREATE TRIGGER "TR_Listing_Audit" AFTER DELETE ON "Listing" FOR EACH ROW EXECUTE FUNCTION listing_audit();
            """, Ct);
        var allow = new Dictionary<string, string?>
        {
            ["SchemaDrift:Allow:0:Object"] = "trigger Listing.TR_Listing_Audit",
            ["SchemaDrift:Allow:0:Reason"] = "The DBA's audit of deletes, kept outside the model",
        };

        var notAllowed = await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct);
        var allowed = await WorkerRunner.RunAsync(database.ConnectionString, [], allow, Ct);
        var status = await WorkerRunner.RunAsync(database.ConnectionString, ["status"], allow, Ct);

        Assert.Equal(5, notAllowed.ExitCode);
        Assert.Contains("trigger Listing.TR_Listing_Audit is in the database but not in the model", notAllowed.Error, StringComparison.Ordinal);
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("The DBA's audit of deletes, kept outside the model", status.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("table Scratch")]
    [InlineData("column Listing.Notes")]
    [InlineData("primary key PK_Scratch")]
    [InlineData("unique constraint UQ_Category_Name")]
    [InlineData("index IX_Listing_Title_Lower")]
    [InlineData("foreign key FK_Listing_Scratch")]
    [InlineData("check constraint CK_Listing_Title")]
    [InlineData("trigger Listing.TR_Listing_Audit")]
    [InlineData("enum mood")]
    [InlineData("extension pg_trgm")]
    public async Task An_allow_list_entry_for_any_kind_of_object_the_drift_report_names_is_accepted(string allowed)
    {
        var result = await WorkerRunner.RunAsync("Host=127.0.0.1;Port=1;Database=x;Username=postgres", ["status"],
            new Dictionary<string, string?>
            {
                ["SchemaDrift:Allow:0:Object"] = allowed,
                ["SchemaDrift:Allow:0:Reason"] = "intended",
                ["MigrationWorker:DatabaseWaitTimeout"] = "00:00:00.100",
            }, Ct);

        // Past the settings: it got as far as waiting for the (absent) database.
        Assert.True(result.ExitCode == 3, result.ToString());
    }

    [Fact]
    public async Task An_allow_list_entry_without_a_reason_stops_the_worker_at_start_up_naming_the_setting()
    {
        var result = await WorkerRunner.RunAsync("Host=127.0.0.1;Port=1;Database=x;Username=postgres", ["status"],
            new Dictionary<string, string?> { ["SchemaDrift:Allow:0:Object"] = "index IX_Listing_Title_Lower" }, Ct);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("SchemaDrift:Allow:0:Reason", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_enum_label_removed_or_added_by_hand_is_named()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        Assert.Equal(0, (await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct)).ExitCode);
        await db.ExecuteAsync("""
            ALTER TYPE admin_action RENAME TO admin_action_old;
            CREATE TYPE admin_action AS ENUM ('user_suspended', 'user_reinstated', 'user_role_changed', 'listing_removed',
                'listing_restored', 'category_created', 'category_updated');
            ALTER TABLE "AdminAuditLog" ALTER COLUMN "Action" TYPE admin_action USING "Action"::text::admin_action;
            DROP TYPE admin_action_old;
            ALTER TYPE listing_category ADD VALUE 'pets';
            """, Ct);

        var result = await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("enum label admin_action.'category_deactivated' is in the model but not in the database", result.Error, StringComparison.Ordinal);
        Assert.Contains("enum label listing_category.'pets' is in the database but not in the model", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_migration_changed_after_it_was_applied_is_named_and_refused_with_exit_code_6()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        await db.MigrateToAsync("AddListingIndexes", Ct);
        var changed = Db.MigrationId("AddAdminAudit");

        var migrate = await WorkerRunner.RunAsync(database.ConnectionString, [], WithEditedAddAdminAudit, cancellationToken: Ct);
        var status = await WorkerRunner.RunAsync(database.ConnectionString, ["status", "--json"], WithEditedAddAdminAudit, cancellationToken: Ct);

        Assert.Equal(6, migrate.ExitCode);
        Assert.Contains($"migration {changed} was changed after it was applied", migrate.Error, StringComparison.Ordinal);
        Assert.Equal(5, (await db.AppliedMigrationsAsync(Ct)).Count); // nothing was applied on top of it
        Assert.Equal(6, status.ExitCode);
        using var json = JsonDocument.Parse(status.Output);
        Assert.Equal(changed, json.RootElement.GetProperty("checksumMismatches")[0].GetProperty("migrationId").GetString());
        // The unchanged build still sees the database as sound.
        Assert.Equal(7, (await WorkerRunner.RunAsync(database.ConnectionString, ["status"], cancellationToken: Ct)).ExitCode);
    }

    [Fact]
    public async Task Migrations_applied_before_checksums_were_kept_get_theirs_recorded_once_and_are_then_guarded()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        await db.MigrateToAsync(Db.LatestMigrationName, Ct);
        await db.ExecuteAsync("""DROP TABLE "__MarketplaceMigrationChecksums" """, Ct); // as an older release left it

        var before = await WorkerRunner.RunAsync(database.ConnectionString, ["status"], cancellationToken: Ct);
        var migrate = await WorkerRunner.RunProcessAsync(Environment(database.ConnectionString), [], Ct);
        var after = await WorkerRunner.RunAsync(database.ConnectionString, ["status"], cancellationToken: Ct);
        var edited = await WorkerRunner.RunAsync(database.ConnectionString, ["status"], WithEditedAddAdminAudit, cancellationToken: Ct);

        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Contains("applied before checksums were kept; the next migrate records its checksum", before.Output, StringComparison.Ordinal);
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        Assert.Contains($"Recorded the checksums of {Db.AllMigrations().Count} migrations applied before checksums were kept", migrate.Error, StringComparison.Ordinal);
        Assert.Equal(["FirstValidation|<null>"], await db.ColumnAsync(
            """SELECT DISTINCT "RecordedWith" || '|' || coalesce("AppliedAt"::text, '<null>') FROM "__MarketplaceMigrationChecksums" """, Ct));
        Assert.Contains("applied before checksums were kept (when is unknown)", after.Output, StringComparison.Ordinal);
        Assert.Equal(6, edited.ExitCode);
    }

    [Fact]
    public async Task Status_json_describes_applied_pending_and_drift_for_machines()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        await db.MigrateToAsync("AddListingIndexes", Ct);

        var result = await WorkerRunner.RunAsync(database.ConnectionString, ["status", "--json"], cancellationToken: Ct);

        Assert.Equal(7, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.False(root.GetProperty("isCurrent").GetBoolean());
        Assert.Equal(7, root.GetProperty("exitCode").GetInt32());
        Assert.Equal(5, root.GetProperty("appliedMigrations").GetArrayLength());
        Assert.Equal("Migration", root.GetProperty("appliedMigrations")[0].GetProperty("recordedWith").GetString());
        Assert.True(root.GetProperty("appliedMigrations")[0].TryGetProperty("appliedAt", out _));
        Assert.Equal(Db.AllMigrations().Skip(5), root.GetProperty("pendingMigrations").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(root.GetProperty("drift").GetProperty("differences").EnumerateArray(),
            d => d.GetProperty("object").GetString() == "column Listing.CategoryId");
    }

    private static Dictionary<string, string?> Environment(string connectionString) =>
        new() { ["ConnectionStrings__marketplacedb"] = connectionString };

    /// <summary>AddAdminAudit with one thing more in its Up: its code changed after it was applied.</summary>
    private static readonly Action<IServiceCollection> WithEditedAddAdminAudit = ChangedMigrations.Swap<AddAdminAudit, EditedAddAdminAudit>();

    private sealed class EditedAddAdminAudit : AddAdminAudit
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            base.Up(migrationBuilder);
            migrationBuilder.CreateIndex("IX_AdminAuditLog_CreatedAt", "AdminAuditLog", "CreatedAt");
        }
    }
}
