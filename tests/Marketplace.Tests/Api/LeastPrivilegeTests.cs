using System.Net;
using Marketplace.Api.Health;
using Marketplace.Api.Infrastructure;
using Marketplace.Data;
using Marketplace.SchemaGuard.History;
using Marketplace.SchemaGuard.Verification;
using Marketplace.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// The Api's database role, as the worker makes it and the AppHost hands it to the Api, against the real roles: it may
/// read and write the rows of every table the Api uses and nothing else (no ALTER, DROP, TRUNCATE or CREATE, no write to
/// the schema guard's own tables), tables later migrations create are its at once, and the Api's readiness, which reads
/// the catalog to detect drift, works as it. A table out of its reach is a 503 and a readiness that names it, never a 500.
/// </summary>
public sealed class LeastPrivilegeTests(CurrentDatabaseTemplate template, PostgresServer server) : IClassFixture<CurrentDatabaseTemplate>
{
    /// <summary>Each a change to the schema or to what the guard keeps, that a bug or an injection in the Api could attempt.</summary>
    public static TheoryData<string> SchemaChanges => new(
        """ALTER TABLE "Listing" ADD COLUMN "Stolen" text""",
        """ALTER TABLE "User" DROP COLUMN "Email" """,
        """ALTER TABLE "Listing" RENAME TO "Gone" """,
        """DROP TABLE "ListingImage" """,
        """DROP TABLE "User" CASCADE""",
        """TRUNCATE "Listing" CASCADE""",
        """TRUNCATE "AdminAuditLog" """,
        """CREATE TABLE "Stolen" ("Id" int)""",
        """CREATE INDEX "IX_Stolen" ON "Listing" ("Title")""",
        """DROP INDEX "IX_Listing_SellerId_CreatedAt_Id" """,
        """CREATE SCHEMA stolen""",
        """CREATE FUNCTION stolen() RETURNS int LANGUAGE sql AS 'SELECT 1'""",
        """DROP TRIGGER "TR_Listing_SearchVector" ON "Listing" """,
        """ALTER TYPE listing_status ADD VALUE 'stolen'""",
        """DELETE FROM "__EFMigrationsHistory" """,
        """UPDATE "__MarketplaceMigrationChecksums" SET "Checksum" = repeat('0', 64)""",
        """INSERT INTO "__MarketplaceSchemaVerifications" ("BuildKey", "Fingerprint") VALUES (repeat('0', 64), repeat('0', 64))""",
        """DELETE FROM "__MarketplaceSchemaVerifications" """);

    [Theory]
    [MemberData(nameof(SchemaChanges))]
    public async Task The_Apis_role_is_refused_every_change_to_the_schema_and_to_the_guards_tables(string change)
    {
        await using var database = await template.CopyAsync(Ct);
        await using var owner = new Db(database.ConnectionString);
        var before = await owner.SchemaAndSeedFingerprintAsync(Ct);
        var stamp = await owner.ColumnAsync("""SELECT "Fingerprint" FROM "__MarketplaceSchemaVerifications" """, Ct);
        await using var api = new Db(template.ApiLogin.ConnectionStringTo(database.ConnectionString));

        var refused = await Assert.ThrowsAsync<PostgresException>(() => api.ExecuteAsync(change, Ct));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.Equal(before, await owner.SchemaAndSeedFingerprintAsync(Ct));
        Assert.Equal(stamp, await owner.ColumnAsync("""SELECT "Fingerprint" FROM "__MarketplaceSchemaVerifications" """, Ct));
    }

    [Fact]
    public async Task The_Apis_role_reads_and_writes_the_rows_of_every_table_of_the_model_and_uses_every_sequence()
    {
        await using var database = await template.CopyAsync(Ct);
        await using var api = new Db(template.ApiLogin.ConnectionStringTo(database.ConnectionString));
        List<string> tables;
        using (var context = new MarketplaceDbContextFactory().CreateDbContext([]))
        {
            tables = context.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables
                .Select(t => $"\"{t.Name}\"")
                .ToList();
        }

        Assert.Contains("\"Listing\"", tables);
        Assert.Contains("\"User\"", tables);
        foreach (var table in tables)
        {
            // Each right on its own: with several, has_table_privilege answers whether any one is held.
            var rights = await api.ColumnAsync($"""
                SELECT p FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) AS p WHERE has_table_privilege('{table.Replace("'", "''", StringComparison.Ordinal)}', p)
                """, Ct);
            Assert.True(rights.Count == 4, $"The Api's role may only {string.Join(", ", rights)} on {table}.");
            await api.ScalarAsync<long>($"SELECT count(*) FROM {table}", Ct);
        }

        var sequences = await api.ColumnAsync("""
            SELECT c.relname || ' ' || has_sequence_privilege(c.oid, 'USAGE')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'S' AND n.nspname = 'public' ORDER BY 1
            """, Ct);
        Assert.NotEmpty(sequences);
        Assert.All(sequences, sequence => Assert.EndsWith(" true", sequence, StringComparison.Ordinal));

        // The guard's own tables: readable (readiness reads them), as the theory above shows not writable.
        foreach (var guardTable in new[] { MigrationHistoryTable.Name, MigrationHistoryTable.ChecksumTableName, SchemaStamp.TableName })
        {
            Assert.True(await api.ScalarAsync<long>($"SELECT count(*) FROM \"{guardTable}\"", Ct) > 0, guardTable);
        }
    }

    [Fact]
    public async Task A_table_and_a_sequence_that_a_later_migration_creates_are_the_Apis_to_read_and_write_at_once()
    {
        await using var database = await template.CopyAsync(Ct);
        await using var owner = new Db(database.ConnectionString);
        await using var api = new Db(template.ApiLogin.ConnectionStringTo(database.ConnectionString));

        // As the migrations' user would in a later migration: a table with an identity key, and one with a serial.
        await owner.ExecuteAsync("""
            CREATE TABLE "LaterNote" ("Id" bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "Text" text NOT NULL);
            CREATE TABLE "LaterTally" ("Id" serial PRIMARY KEY, "Count" int NOT NULL);
            """, Ct);

        await api.ExecuteAsync("""
            INSERT INTO "LaterNote" ("Text") VALUES ('first');
            INSERT INTO "LaterTally" ("Count") VALUES (1);
            UPDATE "LaterNote" SET "Text" = 'changed';
            DELETE FROM "LaterTally";
            """, Ct);

        Assert.Equal(["changed"], await api.ColumnAsync("""SELECT "Text" FROM "LaterNote" """, Ct));
        var refused = await Assert.ThrowsAsync<PostgresException>(() => api.ExecuteAsync("""DROP TABLE "LaterNote" """, Ct));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task A_table_out_of_the_Apis_reach_answers_503_and_readiness_names_it_until_it_is_granted_again()
    {
        await using var app = await ApiApp.CreateAsync(server, new Dictionary<string, string?> { ["Health:SchemaCheckInterval"] = "01:00:00" }, cancellationToken: Ct);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/categories", Ct)).StatusCode);

        // What a table created by another user than the migrations' looks like to the Api: no rights on its rows.
        await app.Db.ExecuteAsync("""REVOKE ALL ON "Category" FROM marketplace_rows""", Ct);
        using var refused = await anonymous.GetAsync("/api/categories", Ct);

        var problem = await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(ApiExceptionHandler.SchemaNotReadyType, problem.GetProperty("type").GetString());
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.DoesNotContain("permission denied", problem.GetRawText(), StringComparison.OrdinalIgnoreCase);
        var monitor = app.Services.GetRequiredService<SchemaReadinessMonitor>();
        var verdict = await monitor.RecheckAsync();
        Assert.False(verdict.IsReady);
        Assert.Equal(["the Api's database role may not read and write the rows of Category"], verdict.Problems);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await anonymous.GetAsync("/health", Ct)).StatusCode);

        await app.Db.ExecuteAsync("""GRANT SELECT, INSERT, UPDATE, DELETE ON "Category" TO marketplace_rows""", Ct);
        Assert.True((await monitor.RecheckAsync()).IsReady);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/categories", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_Apis_readiness_as_its_role_trusts_the_workers_stamp_verifies_in_full_and_still_sees_drift()
    {
        await using var database = await template.CopyAsync(Ct);
        await using var owner = new Db(database.ConnectionString);
        var asTheApi = template.ApiLogin.ConnectionStringTo(database.ConnectionString);

        var stamped = await ReadinessProbe.CheckAsync(asTheApi);
        Assert.True(stamped.IsReady, stamped.Description);

        // No stamp to trust: the full verification, history, checksums and the whole catalog read, as the Api's role.
        await owner.ExecuteAsync("""DELETE FROM "__MarketplaceSchemaVerifications" """, Ct);
        var verified = await ReadinessProbe.CheckAsync(asTheApi);
        Assert.True(verified.IsReady, verified.Description);
        Assert.Equal(stamped.Fingerprint, verified.Fingerprint);

        // A change the Api's role could not make, made by someone who could: readiness names it.
        await owner.ExecuteAsync("""DROP INDEX "IX_Listing_SellerId_CreatedAt_Id" """, Ct);
        var drifted = await ReadinessProbe.CheckAsync(asTheApi);
        Assert.False(drifted.IsReady);
        Assert.Contains(drifted.Problems, problem => problem.Contains("IX_Listing_SellerId_CreatedAt_Id", StringComparison.Ordinal));
    }
}
