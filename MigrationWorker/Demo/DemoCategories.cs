using Marketplace.Data;
using Npgsql;

namespace Marketplace.MigrationWorker.Demo;

/// <summary>
/// Adds the demo's subcategories under the base categories, by slug, the way the worker seeds the base categories:
/// ON CONFLICT DO NOTHING, so an admin's edits survive and a second run adds none. They are written here rather than
/// through the Api's admin operations because those need an admin's account and token, and would record a person in
/// the audit log for what a development tool did; a category needs neither image processing nor blob storage.
/// </summary>
public sealed class DemoCategories(NpgsqlDataSource dataSource)
{
    /// <summary>Adds the missing subcategories; answers how many it added and, per demo subcategory, the slug to file its listings under.</summary>
    public async Task<(int Added, IReadOnlyDictionary<string, string?> FileUnder)> EnsureAsync(CancellationToken cancellationToken)
    {
        var subcategories = DemoCatalog.Subcategories;
        const string insert = """
            INSERT INTO "Category" ("Name", "Slug", "Description", "ParentId", "SortOrder", "IsActive")
            SELECT s.name, s.slug, s.description, parent."Id", s.sort_order, TRUE
            FROM unnest(@names, @slugs, @descriptions, @parents, @sort_orders) AS s(name, slug, description, parent_slug, sort_order)
            JOIN "Category" AS parent ON parent."Slug" = s.parent_slug
            ON CONFLICT ("Slug") DO NOTHING
            """;
        await using var command = dataSource.CreateCommand(insert);
        command.Parameters.AddWithValue("names", subcategories.Select(c => c.Name).ToArray());
        command.Parameters.AddWithValue("slugs", subcategories.Select(c => c.Slug).ToArray());
        command.Parameters.AddWithValue("descriptions", subcategories.Select(c => c.Description).ToArray());
        command.Parameters.AddWithValue("parents", subcategories.Select(c => MarketplaceEnums.SlugOf(c.Parent)).ToArray());
        command.Parameters.AddWithValue("sort_orders", subcategories.Select((c, i) => ((i % 10) + 1) * 10).ToArray());
        var added = await command.ExecuteNonQueryAsync(cancellationToken);

        // A subcategory an admin deactivated, or a slug an admin gave to a category elsewhere in the tree, is not used:
        // its listings go to the base category, or nowhere if that is inactive too.
        const string usable = """
            SELECT c."Slug", c."IsActive" AND parent."IsActive" AND parent."Slug" = s.parent_slug, parent."IsActive"
            FROM unnest(@slugs, @parents) AS s(slug, parent_slug)
            JOIN "Category" AS c ON c."Slug" = s.slug
            LEFT JOIN "Category" AS parent ON parent."Id" = c."ParentId"
            """;
        await using var query = dataSource.CreateCommand(usable);
        query.Parameters.AddWithValue("slugs", subcategories.Select(c => c.Slug).ToArray());
        query.Parameters.AddWithValue("parents", subcategories.Select(c => MarketplaceEnums.SlugOf(c.Parent)).ToArray());
        var found = new Dictionary<string, bool>();
        await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                found[reader.GetString(0)] = !reader.IsDBNull(1) && reader.GetBoolean(1);
            }
        }

        var activeBases = await ActiveBaseSlugsAsync(cancellationToken);
        var fileUnder = subcategories.ToDictionary(
            c => c.Slug,
            c => found.GetValueOrDefault(c.Slug) ? c.Slug
                : activeBases.Contains(MarketplaceEnums.SlugOf(c.Parent)) ? MarketplaceEnums.SlugOf(c.Parent)
                : null);
        return (added, fileUnder);
    }

    private async Task<HashSet<string>> ActiveBaseSlugsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""SELECT "Slug" FROM "Category" WHERE "ParentId" IS NULL AND "IsActive" """);
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            slugs.Add(reader.GetString(0));
        }

        return slugs;
    }
}
