using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Listings;

/// <summary>The listing's image ids in their new order: every one of them, each once.</summary>
public sealed record ReorderImagesRequest
{
    [Required, MaxLength(100)]
    public IReadOnlyList<long>? ImageIds { get; init; }
}
