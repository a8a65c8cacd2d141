namespace Marketplace.Contracts.Sellers;

/// <summary>A seller's public profile (<c>GET /api/users/{id}</c>). Never their email address.</summary>
/// <param name="Id">The seller's id; their listings are <c>GET /api/listings?sellerId=</c>.</param>
/// <param name="DisplayName">The name the seller chose.</param>
/// <param name="MemberSince">When the account was created.</param>
/// <param name="ActiveListings">How many of the seller's listings a search shows now: active, not removed.</param>
public sealed record SellerProfileResponse(Guid Id, string DisplayName, DateTimeOffset MemberSince, int ActiveListings);
