using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace Marketplace.Data;

/// <summary>
/// Full-text search over a listing's title and description. The words live in a stored <c>tsvector</c> column,
/// <c>"SearchVector"</c>, that a trigger keeps (<see cref="TriggerName"/>, BEFORE INSERT OR UPDATE OF Title and
/// Description) and the worker backfills for older rows; a GIN index serves the match. The column is a shadow
/// property: nothing in the Api reads or writes it, only queries filter on it.
/// </summary>
/// <remarks>
/// Why not a generated column (<c>GENERATED ALWAYS AS ... STORED</c>): adding one rewrites the whole table under an
/// ACCESS EXCLUSIVE lock. Why not only the expression index <see cref="ExpressionIndexName"/> the Api used first: a
/// query that walks the newest-first index must compute <c>to_tsvector</c> for every row it reads (a rare pair of
/// words read 46,000 rows and took a second at 1,000,000 listings), and a bitmap over the GIN index recomputes it for
/// every candidate row. The expression index stays until no deployed Api uses it (the contract step of the change).
/// </remarks>
public static class ListingTextSearch
{
    public const string Configuration = "english";

    /// <summary>The shadow property and column holding the listing's words.</summary>
    public const string VectorProperty = "SearchVector";

    public const string TriggerName = "TR_Listing_SearchVector";

    /// <summary>The words of a row, as the trigger, the backfill and the old expression index all compute them.</summary>
    public const string VectorSql = """to_tsvector('english'::regconfig, "Title" || ' ' || "Description")""";

    public const string IndexName = "IX_Listing_SearchVector";

    /// <summary>The rows the backfill has still to fill: a partial index that is empty once it is done.</summary>
    public const string PendingIndexName = "IX_Listing_SearchVector_Pending";

    /// <summary>The first, expression-based full-text index (to be dropped once no deployed Api queries by the expression).</summary>
    public const string ExpressionIndexName = "IX_Listing_SearchText";

    /// <summary>Listings whose title or description match <paramref name="query"/>, in web-search syntax ("red bike" -used).</summary>
    public static IQueryable<Listing> WhereTextMatches(this IQueryable<Listing> listings, string query) =>
        listings.Where(l => EF.Property<NpgsqlTsVector>(l, VectorProperty)
            .Matches(EF.Functions.WebSearchToTsQuery(Configuration, query)));
}
