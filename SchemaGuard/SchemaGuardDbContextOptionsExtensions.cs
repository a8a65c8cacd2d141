using Marketplace.SchemaGuard.Conventions;
using Marketplace.SchemaGuard.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.SchemaGuard;

public static class SchemaGuardDbContextOptionsExtensions
{
    /// <summary>
    /// The EF Core services the guard needs in a context configured with <c>UseNpgsql</c>: the history repository that
    /// records checksums, the ON UPDATE rule and concurrent index drops in migrations' SQL, and an idempotent script
    /// PostgreSQL can run. Used by the running apps and <c>dotnet ef</c> alike, so every path records the same history.
    /// </summary>
    public static TBuilder UseSchemaGuard<TBuilder>(this TBuilder options)
        where TBuilder : DbContextOptionsBuilder
    {
        options.ReplaceService<IRelationalAnnotationProvider, UpdateRuleAnnotationProvider>();
        options.ReplaceService<IMigrationsSqlGenerator, GuardMigrationsSqlGenerator>();
        options.ReplaceService<IHistoryRepository, ChecksummedHistoryRepository>();
        options.ReplaceService<IMigrator, IdempotentScriptMigrator>();
        // The guard says it better: lint flags a non-transactional step beside others, and a failed migration's message
        // says which steps may remain. EF Core's own warning would repeat on every run of every such migration.
        options.ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning));
        return options;
    }
}
