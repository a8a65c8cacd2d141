using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
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
}
#pragma warning restore EF1001
