using Marketplace.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.Tests.Linting;

/// <summary>The SQL the Marketplace context's migrations SQL generator writes for a migration's Up operations, as it would apply them.</summary>
internal static class GeneratedSql
{
    public static string Of(Migration migration)
    {
        using var context = new MarketplaceDbContextFactory().CreateDbContext([]);
        return string.Concat(context.GetService<IMigrationsSqlGenerator>().Generate(migration.UpOperations).Select(c => c.CommandText));
    }
}
