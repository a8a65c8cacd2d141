using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Marketplace.Data;

/// <summary>
/// Lets <c>dotnet ef</c> build the model with neither the app nor a database. A real connection string is only
/// needed for commands that touch a database; give it as <c>ConnectionStrings__marketplacedb</c>.
/// </summary>
public sealed class MarketplaceDbContextFactory : IDesignTimeDbContextFactory<MarketplaceDbContext>
{
    /// <summary>Where <c>dotnet ef migrations add</c> writes migrations, relative to the repository root (lint reports name files there).</summary>
    public const string MigrationsFolder = "Data/Migrations";

    private const string PlaceholderConnectionString = "Host=localhost;Database=marketplacedb;Username=postgres";

    public MarketplaceDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__" + MarketplaceDatabase.ConnectionName)
            ?? PlaceholderConnectionString;
        var options = new DbContextOptionsBuilder<MarketplaceDbContext>()
            .UseMarketplaceNpgsql(MarketplaceDbContextOptions.CreateDataSource(connectionString))
            .Options;
        return new MarketplaceDbContext(options);
    }
}
