namespace Marketplace.Contracts.Admin;

/// <summary>One page of accounts, newest first; pass <c>nextCursor</c> back as <c>cursor</c>. Null on the last page.</summary>
public sealed record AdminUserPage(IReadOnlyList<AdminUserSummary> Items, string? NextCursor);
