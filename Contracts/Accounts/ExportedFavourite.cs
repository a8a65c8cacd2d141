namespace Marketplace.Contracts.Accounts;

/// <summary>A listing the account saved as a favourite.</summary>
public sealed record ExportedFavourite(long ListingId, DateTimeOffset SavedAt);
