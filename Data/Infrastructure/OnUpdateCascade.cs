using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations;

namespace Marketplace.Data.Infrastructure;

// EF Core cannot express ON UPDATE on a foreign key. The model carries it as an annotation, the annotation
// provider hands it to the migration operations, and the SQL generator writes it, so migrations, the
// idempotent script and the drift check all see the same rule.

/// <summary>Model annotation for a foreign key's ON UPDATE rule.</summary>
public static class ForeignKeyUpdateRule
{
    public const string Annotation = "Marketplace:OnUpdate";

    public static ReferenceCollectionBuilder<TPrincipal, TDependent> OnUpdateCascade<TPrincipal, TDependent>(
        this ReferenceCollectionBuilder<TPrincipal, TDependent> builder)
        where TPrincipal : class
        where TDependent : class
        => builder.HasAnnotation(Annotation, nameof(ReferentialAction.Cascade));

    public static ReferentialAction Of(IReadOnlyForeignKey foreignKey) =>
        foreignKey.FindAnnotation(Annotation)?.Value is string rule && Enum.TryParse<ReferentialAction>(rule, out var action)
            ? action
            : ReferentialAction.NoAction;
}

#pragma warning disable EF1001 // The Npgsql provider's own services are the ones to extend.
internal sealed class MarketplaceAnnotationProvider(RelationalAnnotationProviderDependencies dependencies)
    : NpgsqlAnnotationProvider(dependencies)
{
    public override IEnumerable<IAnnotation> For(IForeignKeyConstraint foreignKey, bool designTime)
    {
        foreach (var annotation in base.For(foreignKey, designTime))
        {
            yield return annotation;
        }

        if (designTime && foreignKey.MappedForeignKeys.FirstOrDefault()?.FindAnnotation(ForeignKeyUpdateRule.Annotation) is { } rule)
        {
            yield return rule;
        }
    }
}

internal sealed class MarketplaceMigrationsSqlGenerator(
    MigrationsSqlGeneratorDependencies dependencies,
    INpgsqlSingletonOptions npgsqlSingletonOptions)
    : NpgsqlMigrationsSqlGenerator(dependencies, npgsqlSingletonOptions)
{
    protected override void ForeignKeyConstraint(AddForeignKeyOperation operation, IModel? model, MigrationCommandListBuilder builder)
    {
        if (operation[ForeignKeyUpdateRule.Annotation] is string rule && Enum.TryParse<ReferentialAction>(rule, out var onUpdate))
        {
            operation.OnUpdate = onUpdate;
        }

        base.ForeignKeyConstraint(operation, model, builder);
    }

    /// <summary>
    /// A plain DROP INDEX takes an ACCESS EXCLUSIVE lock on the table: it waits for every running query and every query
    /// behind it waits too. Npgsql only knows concurrency for creating indexes; a drop that carries the same annotation
    /// is written <c>DROP INDEX CONCURRENTLY IF EXISTS</c> outside the migration's transaction (PostgreSQL refuses it
    /// inside one). IF EXISTS, because a concurrent drop cannot be rolled back: a rerun after a failure later in the
    /// migration must not fail on the index that is already gone.
    /// </summary>
    protected override void Generate(DropIndexOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        if (!ConcurrentIndexDrop.IsConcurrent(operation))
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

/// <summary>Marks a migration's DROP INDEX to run concurrently, with the annotation Npgsql uses for creating indexes.</summary>
public static class ConcurrentIndexDrop
{
    public const string Annotation = "Npgsql:CreatedConcurrently";

    public static OperationBuilder<DropIndexOperation> Concurrently(this OperationBuilder<DropIndexOperation> drop) =>
        drop.Annotation(Annotation, true);

    public static bool IsConcurrent(DropIndexOperation operation) => operation[Annotation] is true;
}
#pragma warning restore EF1001
