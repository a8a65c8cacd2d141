namespace Marketplace.Contracts.Listings;

/// <summary>A listing's photos in their order, as an upload, a reorder or an edit leaves them.</summary>
public sealed record ListingImageList(IReadOnlyList<ListingImageResponse> Images);
