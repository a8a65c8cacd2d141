using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.Internal;

namespace Marketplace.SchemaGuard.Conventions;

#pragma warning disable EF1001 // The Npgsql provider's own annotation provider is the one to extend.

/// <summary>Hands a foreign key's <see cref="ForeignKeyUpdateRule"/> annotation to the migration operations that create it.</summary>
internal sealed class UpdateRuleAnnotationProvider(RelationalAnnotationProviderDependencies dependencies)
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
#pragma warning restore EF1001
