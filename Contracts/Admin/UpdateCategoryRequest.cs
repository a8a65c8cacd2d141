using System.ComponentModel.DataAnnotations;
using Marketplace.Contracts.Categories;

namespace Marketplace.Contracts.Admin;

/// <summary>Rename or describe a category: give either or both. An empty description removes it.</summary>
public sealed record UpdateCategoryRequest : IValidatableObject
{
    [StringLength(CategoryRules.NameMaxLength, MinimumLength = 1)]
    public string? Name { get; init; }

    [StringLength(CategoryRules.DescriptionMaxLength)]
    public string? Description { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Name is null && Description is null)
        {
            yield return new ValidationResult("Give a new name, a new description, or both.", [nameof(Name)]);
        }
        else if (Name is not null && string.IsNullOrWhiteSpace(Name))
        {
            yield return new ValidationResult("A name cannot be blank.", [nameof(Name)]);
        }
    }
}
