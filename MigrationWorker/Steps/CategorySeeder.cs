using Marketplace.Data;
using Marketplace.Data.Entities;
using Marketplace.SchemaGuard;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Marketplace.MigrationWorker.Steps;

/// <summary>
/// Inserts the ten base categories that are missing, by slug. A category that exists is never touched, so an
/// admin's edits survive; ON CONFLICT DO NOTHING makes concurrent workers safe.
/// </summary>
public sealed partial class CategorySeeder(NpgsqlDataSource dataSource, ILogger<CategorySeeder> logger)
{
    /// <summary>One base category per legacy enum value, so the backfill is a lookup by slug.</summary>
    public static IReadOnlyList<BaseCategory> BaseCategories { get; } =
    [
        new(ListingCategory.Electronics, "Electronics", "Phones, computers, audio and other devices."),
        new(ListingCategory.Furniture, "Furniture", "Tables, chairs, sofas, beds and storage."),
        new(ListingCategory.Clothing, "Clothing", "Clothes, shoes and accessories."),
        new(ListingCategory.Vehicles, "Vehicles", "Cars, motorcycles, bicycles and parts."),
        new(ListingCategory.HomeAndGarden, "Home & Garden", "Household goods, tools and everything for the garden."),
        new(ListingCategory.Sports, "Sports", "Sports equipment and outdoor gear."),
        new(ListingCategory.BooksAndMedia, "Books & Media", "Books, music, films and games."),
        new(ListingCategory.Toys, "Toys", "Toys and games for children."),
        new(ListingCategory.Collectibles, "Collectibles", "Art, antiques, coins, cards and memorabilia."),
        new(ListingCategory.Other, "Other", "Everything else."),
    ];

    /// <summary>True when every base category is present (by slug); the no-op check asks it without seeding.</summary>
    internal static readonly string AllPresentSql =
        $"(SELECT count(*) FROM \"Category\" WHERE \"Slug\" IN ({string.Join(", ", BaseCategories.Select(c => $"'{c.Slug}'"))})) = {BaseCategories.Count}";

    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        using var step = WorkerTelemetry.Step("seed");
        const string sql = """
            INSERT INTO "Category" ("Name", "Slug", "Description", "SortOrder", "IsActive")
            SELECT name, slug, description, sort_order, TRUE
            FROM unnest(@names, @slugs, @descriptions, @sort_orders) AS s(name, slug, description, sort_order)
            ON CONFLICT ("Slug") DO NOTHING
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("names", BaseCategories.Select(c => c.Name).ToArray());
        command.Parameters.AddWithValue("slugs", BaseCategories.Select(c => c.Slug).ToArray());
        command.Parameters.AddWithValue("descriptions", BaseCategories.Select(c => c.Description).ToArray());
        command.Parameters.AddWithValue("sort_orders", BaseCategories.Select(c => c.SortOrder).ToArray());
        var inserted = await command.ExecuteNonQueryAsync(cancellationToken);

        step.Activity?.SetTag("marketplace.categories.inserted", inserted);
        step.Activity?.SetTag("marketplace.categories.existing", BaseCategories.Count - inserted);
        LogSeeded(logger, Plural.Of(inserted, "base category"), BaseCategories.Count - inserted, step.Elapsed.TotalMilliseconds);
        return inserted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Inserted}, {Existing} already present, in {ElapsedMs:0} ms")]
    private static partial void LogSeeded(ILogger logger, string inserted, int existing, double elapsedMs);
}
