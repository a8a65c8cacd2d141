namespace Marketplace.Contracts.Accounts;

/// <summary>An account this account blocked. (Who blocked this account is not exported: that is theirs to keep.)</summary>
public sealed record ExportedBlock(Guid BlockedId, DateTimeOffset BlockedAt);
