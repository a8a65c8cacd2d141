using Marketplace.Contracts.Listings;

namespace Marketplace.Contracts.Admin;

/// <summary>A listing as an admin reviews it: as the public sees it, with its seller and what admins did about it.</summary>
/// <param name="Listing">The listing as <c>GET /api/listings/{id}</c> answers it (photos only from <c>GET /api/admin/listings/{id}</c>).</param>
/// <param name="Seller">Its seller; a suspended seller's listings are hidden from everyone but admins.</param>
/// <param name="RemovalReason">Why an admin removed it; null unless it is removed.</param>
/// <param name="OpenReports">Reports about it that no admin dealt with yet.</param>
public sealed record AdminListingResponse(
    ListingResponse Listing,
    AdminUserSummary Seller,
    string? RemovalReason,
    int OpenReports);
