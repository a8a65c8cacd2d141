using System.Text.RegularExpressions;
using Marketplace.Contracts.Categories;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Web.Pages.Admin;

/// <summary>The category form's own checks, before the Api is asked, so that every field's problem shows in one round.</summary>
public static class CategoryChecks
{
    public static void Name(ModelStateDictionary modelState, string key, string? name)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (string.IsNullOrWhiteSpace(name))
        {
            modelState.AddModelError(key, "Enter the category's name.");
        }
        else if (name.Trim().Length > CategoryRules.NameMaxLength)
        {
            modelState.AddModelError(key, $"Enter a name of at most {CategoryRules.NameMaxLength} characters.");
        }
    }

    public static void Slug(ModelStateDictionary modelState, string key, string? slug)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (string.IsNullOrWhiteSpace(slug))
        {
            modelState.AddModelError(key, "Enter the category's address, e.g. garden-tools.");
        }
        else if (slug.Trim().Length > CategoryRules.SlugMaxLength || !Regex.IsMatch(slug.Trim(), CategoryRules.SlugPattern))
        {
            modelState.AddModelError(key, $"{CategoryRules.SlugPatternMessage} At most {CategoryRules.SlugMaxLength} characters.");
        }
    }

    public static void Description(ModelStateDictionary modelState, string key, string? description)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (description?.Trim().Length > CategoryRules.DescriptionMaxLength)
        {
            modelState.AddModelError(key, $"Enter a description of at most {CategoryRules.DescriptionMaxLength:N0} characters.");
        }
    }
}
