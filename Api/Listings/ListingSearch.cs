using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Listings;

public enum ListingSort
{
    Newest,
    PriceAsc,
    PriceDesc,
}

/// <summary>What a search asks for, after validation.</summary>
public sealed record ListingFilter(
    ListingStatus Status,
    IReadOnlyList<int>? CategoryIds = null,
    ListingCategory? LegacyCategory = null,
    decimal? MinPrice = null,
    decimal? MaxPrice = null,
    Guid? SellerId = null,
    string? Text = null);

/// <summary>
/// The listings search as one query: filters, then keyset pagination. Each sort orders by its key and then by Id, so
/// the order is total and the next page starts strictly after the last row seen, which no insert or delete in between
/// can turn into a duplicate or a gap. The indexes in ListingConfiguration serve these shapes.
/// </summary>
public static class ListingSearch
{
    public const string NewestName = "newest";
    public const string PriceAscName = "price_asc";
    public const string PriceDescName = "price_desc";

    public static ListingSort? ParseSort(string? sort) => sort switch
    {
        null or "" or NewestName => ListingSort.Newest,
        PriceAscName => ListingSort.PriceAsc,
        PriceDescName => ListingSort.PriceDesc,
        _ => null,
    };

    public static IQueryable<Listing> Apply(IQueryable<Listing> listings, ListingFilter filter, ListingSort sort, ListingPosition? after)
    {
        var query = listings.Where(l => l.Status == filter.Status);
        if (filter.CategoryIds is [var categoryId])
        {
            query = query.Where(l => l.CategoryId == categoryId);
        }
        else if (filter.CategoryIds is { } categoryIds)
        {
            query = query.Where(l => l.CategoryId != null && categoryIds.Contains(l.CategoryId.Value));
        }

        if (filter.LegacyCategory is { } legacy)
        {
            query = query.Where(l => l.LegacyCategory == legacy);
        }

        if (filter.MinPrice is { } min)
        {
            query = query.Where(l => l.Price >= min);
        }

        if (filter.MaxPrice is { } max)
        {
            query = query.Where(l => l.Price <= max);
        }

        if (filter.SellerId is { } sellerId)
        {
            query = query.Where(l => l.SellerId == sellerId);
        }

        if (filter.Text is { } text)
        {
            query = query.WhereTextMatches(text);
        }

        // Row-value comparisons ((Price, Id) > (@price, @id)) are what an index on (..., Price, Id) can seek to.
        return sort switch
        {
            ListingSort.PriceAsc => (after is null ? query : query.Where(l =>
                    EF.Functions.GreaterThan(ValueTuple.Create(l.Price, l.Id), ValueTuple.Create(after.Price, after.Id))))
                .OrderBy(l => l.Price).ThenBy(l => l.Id),
            ListingSort.PriceDesc => (after is null ? query : query.Where(l =>
                    EF.Functions.LessThan(ValueTuple.Create(l.Price, l.Id), ValueTuple.Create(after.Price, after.Id))))
                .OrderByDescending(l => l.Price).ThenByDescending(l => l.Id),
            _ => (after is null ? query : query.Where(l =>
                    EF.Functions.LessThan(ValueTuple.Create(l.CreatedAt, l.Id), ValueTuple.Create(after.CreatedAt, after.Id))))
                .OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id),
        };
    }
}
