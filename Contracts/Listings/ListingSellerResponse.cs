namespace Marketplace.Contracts.Listings;

/// <summary>
/// Who sells a listing, as its page names them: only in a listing's own answer (<c>GET /api/listings/{id}</c>), so the
/// page needs no second call. Their profile, with the count of their listings, is <c>GET /api/users/{id}</c>.
/// </summary>
/// <param name="DisplayName">The name the seller chose. Never their email address.</param>
/// <param name="MemberSince">When the seller's account was created.</param>
public sealed record ListingSellerResponse(string DisplayName, DateTimeOffset MemberSince);
