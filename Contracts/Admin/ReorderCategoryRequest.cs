using System.ComponentModel.DataAnnotations;
using Marketplace.Contracts.Categories;

namespace Marketplace.Contracts.Admin;

/// <summary>
/// Where a category sits among its siblings (lower first, ties by name): a <c>sortOrder</c> of its own, or one place
/// <c>direction</c> Up or Down, which numbers the siblings afresh in the order they then have. Give one of the two.
/// </summary>
public sealed record ReorderCategoryRequest : IValidatableObject
{
    [Range(0, CategoryRules.MaxSortOrder)]
    public int? SortOrder { get; init; }

    public CategoryDirection? Direction { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if ((SortOrder is null) == (Direction is null))
        {
            yield return new ValidationResult("Give either sortOrder or direction (Up or Down).", [nameof(SortOrder)]);
        }
    }
}
