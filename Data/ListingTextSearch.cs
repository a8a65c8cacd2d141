using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Data;

/// <summary>
/// Full-text search over a listing's title and description. The query and the expression index in
/// <c>ListingConfiguration</c> must build the same <c>to_tsvector</c> expression, or PostgreSQL cannot use the index;
/// both live here so they change together.
/// </summary>
public static class ListingTextSearch
{
    public const string Configuration = "english";
    public const string IndexName = "IX_Listing_SearchText";

    /// <summary>Listings whose title or description match <paramref name="query"/>, in web-search syntax ("red bike" -used).</summary>
    public static IQueryable<Listing> WhereTextMatches(this IQueryable<Listing> listings, string query) =>
        listings.Where(l => EF.Functions.ToTsVector(Configuration, l.Title + " " + l.Description)
            .Matches(EF.Functions.WebSearchToTsQuery(Configuration, query)));
}
