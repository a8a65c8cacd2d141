using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations.Internal;

namespace Marketplace.SchemaGuard.Conventions;

#pragma warning disable EF1001 // The Npgsql migrator is the one to extend; only script generation changes.

/// <summary>
/// Npgsql's migrator with an idempotent script that PostgreSQL can run. EF Core wraps every statement of an
/// idempotent script in a <c>DO</c> block that checks the history table, and <c>CREATE INDEX CONCURRENTLY</c> cannot
/// run inside one ("cannot be executed from a function"). Those statements are written outside the block as
/// <c>CREATE INDEX CONCURRENTLY IF NOT EXISTS</c>, idempotent by the index's existence instead of by the history; the
/// same goes for <c>DROP INDEX CONCURRENTLY IF EXISTS</c>, which the SQL generator writes idempotent already.
/// </summary>
/// <remarks>
/// The one case this reads differently: re-running the script on a database where a later migration dropped such an
/// index recreates it; the drift check then reports the index as in the database but not in the model.
/// A concurrent build that failed leaves an invalid index, which IF NOT EXISTS would skip: the drift check reports
/// invalid indexes too.
/// </remarks>
internal sealed partial class IdempotentScriptMigrator(
    IMigrationsAssembly migrationsAssembly,
    IHistoryRepository historyRepository,
    IDatabaseCreator databaseCreator,
    IMigrationsSqlGenerator migrationsSqlGenerator,
    IRawSqlCommandBuilder rawSqlCommandBuilder,
    IMigrationCommandExecutor migrationCommandExecutor,
    IRelationalConnection connection,
    ISqlGenerationHelper sqlGenerationHelper,
    ICurrentDbContext currentContext,
    IModelRuntimeInitializer modelRuntimeInitializer,
    IDiagnosticsLogger<DbLoggerCategory.Migrations> logger,
    IRelationalCommandDiagnosticsLogger commandLogger,
    IDatabaseProvider databaseProvider,
    IMigrationsModelDiffer migrationsModelDiffer,
    IDesignTimeModel designTimeModel,
    IDbContextOptions contextOptions,
    IExecutionStrategy executionStrategy)
    : NpgsqlMigrator(migrationsAssembly, historyRepository, databaseCreator, migrationsSqlGenerator, rawSqlCommandBuilder,
        migrationCommandExecutor, connection, sqlGenerationHelper, currentContext, modelRuntimeInitializer, logger,
        commandLogger, databaseProvider, migrationsModelDiffer, designTimeModel, contextOptions, executionStrategy)
{
    public override string GenerateScript(
        string? fromMigration = null,
        string? toMigration = null,
        MigrationsSqlGenerationOptions options = MigrationsSqlGenerationOptions.Default)
    {
        var script = base.GenerateScript(fromMigration, toMigration, options);
        return options.HasFlag(MigrationsSqlGenerationOptions.Idempotent)
            ? ConcurrentIndexInDoBlock().Replace(script, m => m.Groups["create"].Success
                ? $"\n{m.Groups["create"].Value}CONCURRENTLY IF NOT EXISTS {m.Groups["rest"].Value}\n"
                : $"\n{m.Groups["drop"].Value}\n")
            : script;
    }

    // The DO block EF Core and Npgsql write around one statement of an idempotent script, when that statement
    // builds or drops an index concurrently.
    [GeneratedRegex("""
        \r?\nDO \$EF\$\r?\nBEGIN\r?\n\s*IF NOT EXISTS\(SELECT 1 FROM "[^"]+" WHERE "MigrationId" = '[^']+'\) THEN\r?\n\s*(?:(?<create>CREATE (UNIQUE )?INDEX )CONCURRENTLY (?<rest>"[^\r\n]*;)|(?<drop>DROP INDEX CONCURRENTLY IF EXISTS "[^\r\n]*;))\r?\n\s*END IF;\r?\nEND \$EF\$;\r?\n
        """)]
    private static partial Regex ConcurrentIndexInDoBlock();
}
#pragma warning restore EF1001
