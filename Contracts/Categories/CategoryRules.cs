namespace Marketplace.Contracts.Categories;

/// <summary>What a category may hold: the limits the Api validates and the schema's columns use.</summary>
public static class CategoryRules
{
    public const int NameMaxLength = 100;

    public const int SlugMaxLength = 100;

    public const int DescriptionMaxLength = 1000;

    /// <summary>Lower-case words of letters and digits joined by single hyphens.</summary>
    public const string SlugPattern = "^[a-z0-9]+(-[a-z0-9]+)*$";

    public const string SlugPatternMessage = "Use lower-case letters and digits in words joined by single hyphens, e.g. garden-tools.";

    /// <summary>The largest sort order a category may have among its siblings.</summary>
    public const int MaxSortOrder = 100_000;
}
