using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Marketplace.SchemaGuard.Conventions;

// EF Core cannot express ON UPDATE on a foreign key. The model carries it as an annotation, the annotation provider
// (UpdateRuleAnnotationProvider) hands it to the migration operations, and the SQL generator (GuardMigrationsSqlGenerator)
// writes it, so migrations, the idempotent script and the drift check all see the same rule.

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

    /// <summary>The rule a migration operation carries, if any.</summary>
    public static ReferentialAction? Of(AddForeignKeyOperation operation) =>
        operation[Annotation] is string rule && Enum.TryParse<ReferentialAction>(rule, out var action) ? action : null;
}
