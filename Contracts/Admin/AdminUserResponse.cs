namespace Marketplace.Contracts.Admin;

/// <summary>One account as an admin reviews it (<c>GET /api/admin/users/{id}</c>).</summary>
/// <param name="SuspensionReason">Why it is suspended; null unless it is.</param>
/// <param name="History">Earlier removals of its listings and suspensions of it.</param>
/// <param name="Listings">Its listings in every state, removed ones included.</param>
/// <param name="ActiveListings">Its listings buyers find now: active, not removed, the account not suspended.</param>
/// <param name="ReportsAgainst">Reports ever filed about its listings.</param>
/// <param name="OpenReportsAgainst">Of those, the ones still open.</param>
public sealed record AdminUserResponse(
    AdminUserSummary User,
    string? SuspensionReason,
    ModerationHistory History,
    int Listings,
    int ActiveListings,
    int ReportsAgainst,
    int OpenReportsAgainst);
