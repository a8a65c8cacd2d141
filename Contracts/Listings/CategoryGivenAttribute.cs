using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Listings;

/// <summary>
/// On <see cref="ListingRequest.CategorySlug"/>: a listing names its category, by slug or (older clients) by the legacy
/// category. A rule of the field rather than of the object, so that it is reported with every other field's problem:
/// an object's own rules run only once all its fields are valid.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CategoryGivenAttribute : ValidationAttribute
{
    public CategoryGivenAttribute()
        : base("Give categorySlug (a slug from GET /api/categories) or the legacy category.")
    {
    }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        var named = value is string slug && !string.IsNullOrWhiteSpace(slug);
        return named || validationContext.ObjectInstance is ListingRequest { Category: not null }
            ? ValidationResult.Success
            : new ValidationResult(ErrorMessageString, validationContext.MemberName is { } member ? [member] : null);
    }
}
