namespace Marketplace.Contracts.Admin;

/// <summary>One page of listings found by an admin, newest first; pass <c>nextCursor</c> back as <c>cursor</c>. Null on the last page.</summary>
public sealed record AdminListingPage(IReadOnlyList<AdminListingResponse> Items, string? NextCursor);
