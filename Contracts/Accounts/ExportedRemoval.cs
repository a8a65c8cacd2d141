namespace Marketplace.Contracts.Accounts;

/// <summary>A listing the account removed as an admin, in an <see cref="AccountExport"/>.</summary>
public sealed record ExportedRemoval(long ListingId, DateTimeOffset? RemovedAt, string? Reason);
