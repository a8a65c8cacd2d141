using System.Diagnostics;
using Marketplace.SchemaGuard.Drift;
using Marketplace.SchemaGuard.History;
using Marketplace.SchemaGuard.Verification;
using Marketplace.Tests.Support;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.Tests.Worker;

/// <summary><c>script</c>: the idempotent SQL script, applied by hand with psql as a DBA would.</summary>
public sealed class ScriptCommandTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_idempotent_script_applied_twice_with_psql_leaves_the_schema_the_worker_makes()
    {
        var scriptFile = Path.Combine(Path.GetTempPath(), $"marketplace-{Guid.NewGuid():N}.sql");
        try
        {
            var script = await WorkerRunner.RunAsync(null, ["script", "--output", scriptFile], cancellationToken: Ct);
            Assert.True(script.ExitCode == 0, script.ToString());

            await using var byScript = await server.CreateDatabaseAsync(Ct);
            await PsqlAsync(byScript.ConnectionString, scriptFile);
            await PsqlAsync(byScript.ConnectionString, scriptFile);

            await using var byWorker = await server.CreateDatabaseAsync(Ct);
            Assert.Equal(0, (await WorkerRunner.RunAsync(byWorker.ConnectionString, [], cancellationToken: Ct)).ExitCode);

            await using var scripted = new Db(byScript.ConnectionString);
            await using var migrated = new Db(byWorker.ConnectionString);
            // The worker's verification stamp is its own bookkeeping, not part of the schema the migrations make.
            await migrated.ExecuteAsync($"DROP TABLE \"{SchemaStamp.TableName}\"", Ct);
            Assert.Equal(await migrated.SchemaFingerprintAsync(Ct), await scripted.SchemaFingerprintAsync(Ct));
            Assert.Equal(await migrated.AppliedMigrationsAsync(Ct), await scripted.AppliedMigrationsAsync(Ct));
            Assert.Equal(
                await migrated.ColumnAsync("""SELECT "MigrationId" || ' ' || "Checksum" FROM "__MarketplaceMigrationChecksums" ORDER BY 1""", Ct),
                await scripted.ColumnAsync("""SELECT "MigrationId" || ' ' || "Checksum" FROM "__MarketplaceMigrationChecksums" ORDER BY 1""", Ct));
            await using var context = scripted.CreateContext();
            Assert.Empty((await new SchemaDriftDetector(Options.Create(new SchemaDriftOptions())).DetectAsync(context, Ct)).Differences);
            Assert.Equal(0, (await WorkerRunner.RunAsync(byScript.ConnectionString, ["status"], cancellationToken: Ct)).ExitCode);
        }
        finally
        {
            File.Delete(scriptFile);
        }
    }

    [Fact]
    public async Task Without_output_the_script_goes_to_stdout_and_needs_no_database()
    {
        var result = await WorkerRunner.RunAsync(null, ["script"], cancellationToken: Ct);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("CREATE TABLE IF NOT EXISTS \"__EFMigrationsHistory\"", result.Output, StringComparison.Ordinal);
        Assert.Contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS \"IX_Listing_CategoryId_Status_Price\"", result.Output, StringComparison.Ordinal);
        Assert.Contains("INSERT INTO \"__MarketplaceMigrationChecksums\"", result.Output, StringComparison.Ordinal);
    }

    /// <summary>psql as the current user, over TCP, with the test connection's host, port and user.</summary>
    private static async Task PsqlAsync(string connectionString, string file)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(FindPsql())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", connection.Host!, "-p", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "-U", connection.Username!, "-d", connection.Database!, "-f", file,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        if (!string.IsNullOrEmpty(connection.Password))
        {
            start.Environment["PGPASSWORD"] = connection.Password;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"psql exited with {process.ExitCode}:\n{await stderr}\n{await stdout}");
    }

    private static string FindPsql()
    {
        var onPath = (System.Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "psql"))
            .FirstOrDefault(File.Exists);
        return onPath
               ?? (Directory.Exists("/usr/lib/postgresql")
                   ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "psql")).FirstOrDefault(File.Exists)
                   : null)
               ?? throw new InvalidOperationException("psql is needed to apply the script as a DBA would: install PostgreSQL's client (Debian: postgresql-client).");
    }
}
