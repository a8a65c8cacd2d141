using Marketplace.Data.Entities;

namespace Marketplace.Api.Listings;

/// <summary>
/// What <see cref="ListingAccess"/> decides on, read from the listing's row (and, for states later issues add, the rows
/// it names) by <see cref="ListingAccess.Facts"/>.
/// </summary>
public sealed record ListingFacts(long Id, Guid SellerId, ListingStatus Status, DateTimeOffset? RemovedAt);
