using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations;

namespace Marketplace.SchemaGuard.Conventions;

#pragma warning disable EF1001 // The Npgsql provider's own SQL generator is the one to extend.

/// <summary>Npgsql's migration SQL, plus a foreign key's ON UPDATE rule and concurrent index drops.</summary>
internal sealed class GuardMigrationsSqlGenerator(
    MigrationsSqlGeneratorDependencies dependencies,
    INpgsqlSingletonOptions npgsqlSingletonOptions)
    : NpgsqlMigrationsSqlGenerator(dependencies, npgsqlSingletonOptions)
{
    protected override void ForeignKeyConstraint(AddForeignKeyOperation operation, IModel? model, MigrationCommandListBuilder builder)
    {
        if (ForeignKeyUpdateRule.Of(operation) is { } onUpdate)
        {
            operation.OnUpdate = onUpdate;
        }

        base.ForeignKeyConstraint(operation, model, builder);
    }

    /// <summary>
    /// A plain DROP INDEX takes an ACCESS EXCLUSIVE lock on the table: it waits for every running query and every query
    /// behind it waits too. Npgsql only knows concurrency for creating indexes; a drop marked with
    /// <see cref="ConcurrentIndex.Concurrently"/> is written <c>DROP INDEX CONCURRENTLY IF EXISTS</c> outside the
    /// migration's transaction (PostgreSQL refuses it inside one). IF EXISTS, because a concurrent drop cannot be rolled
    /// back: a rerun after a failure later in the migration must not fail on the index that is already gone.
    /// </summary>
    protected override void Generate(DropIndexOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        if (!ConcurrentIndex.IsConcurrent(operation))
        {
            base.Generate(operation, model, builder, terminate);
            return;
        }

        builder
            .Append("DROP INDEX CONCURRENTLY IF EXISTS ")
            .Append(Dependencies.SqlGenerationHelper.DelimitIdentifier(operation.Name, operation.Schema))
            .AppendLine(Dependencies.SqlGenerationHelper.StatementTerminator);
        builder.EndCommand(suppressTransaction: true);
    }
}
#pragma warning restore EF1001
