namespace Marketplace.Api.Listings;

/// <summary>A listing's <see cref="ListingFacts"/> and what an operation read from the same row in the same query.</summary>
public sealed record ListingRead<T>(ListingFacts Facts, T Row);
