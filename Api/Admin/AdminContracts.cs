using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Marketplace.Data.Entities;

namespace Marketplace.Api.Admin;

/// <summary>A new category: a root, or under <c>parentId</c>. Its slug is its lasting address and cannot change later.</summary>
public sealed record CreateCategoryRequest
{
    public const string SlugPattern = "^[a-z0-9]+(-[a-z0-9]+)*$";

    [Required, StringLength(Category.NameMaxLength, MinimumLength = 1)]
    public string Name { get; init; } = "";

    /// <summary>Lower-case words joined by hyphens, e.g. <c>garden-tools</c>; unique across the tree.</summary>
    [Required, StringLength(Category.SlugMaxLength, MinimumLength = 1)]
    [RegularExpression(SlugPattern, ErrorMessage = "Use lower-case letters and digits in words joined by single hyphens, e.g. garden-tools.")]
    public string Slug { get; init; } = "";

    [StringLength(Category.DescriptionMaxLength)]
    public string? Description { get; init; }

    /// <summary>The parent category's id; leave it out for a root.</summary>
    public int? ParentId { get; init; }

    /// <summary>Where it sits among its siblings (lower first); 0 by default.</summary>
    [Range(0, 100_000)]
    public int? SortOrder { get; init; }
}

/// <summary>Rename or describe a category: give either or both. An empty description removes it.</summary>
public sealed record UpdateCategoryRequest : IValidatableObject
{
    [StringLength(Category.NameMaxLength, MinimumLength = 1)]
    public string? Name { get; init; }

    [StringLength(Category.DescriptionMaxLength)]
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

/// <summary>Move a category (with its subtree) under another parent, or to the roots with <c>parentId</c> null.</summary>
public sealed record MoveCategoryRequest
{
    public int? ParentId { get; init; }
}

/// <summary>Where a category sits among its siblings: lower first, ties by name.</summary>
public sealed record ReorderCategoryRequest
{
    [Required, Range(0, 100_000)]
    public int? SortOrder { get; init; }
}

/// <summary>Why an admin acts; kept in the audit log (and, for a listing or a suspension, on the row).</summary>
public sealed record ReasonRequest
{
    [Required, StringLength(Listing.RemovalReasonMaxLength, MinimumLength = 1)]
    public string Reason { get; init; } = "";
}

/// <summary>An optional reason, for actions that need none.</summary>
public sealed record OptionalReasonRequest
{
    [StringLength(Listing.RemovalReasonMaxLength)]
    public string? Reason { get; init; }
}

public sealed record ChangeRoleRequest
{
    [Required]
    public UserRole? Role { get; init; }

    [StringLength(Listing.RemovalReasonMaxLength)]
    public string? Reason { get; init; }
}

/// <summary>A category as an admin sees it: active or not.</summary>
public sealed record AdminCategoryResponse(int Id, string Name, string Slug, string? Description, int? ParentId, int SortOrder, bool IsActive)
{
    public static AdminCategoryResponse From(Category c) => new(c.Id, c.Name, c.Slug, c.Description, c.ParentId, c.SortOrder, c.IsActive);
}

/// <summary>One admin action: who did what to which target, when, and its details (before, after, reason).</summary>
public sealed record AuditLogEntry(
    long Id,
    Guid AdminId,
    AdminAction Action,
    AuditTargetType TargetType,
    string TargetId,
    JsonElement? Details,
    DateTimeOffset CreatedAt);

/// <summary>One page of the audit log, newest first; pass <c>nextCursor</c> back as <c>cursor</c>. Null on the last page.</summary>
public sealed record AuditLogPage(IReadOnlyList<AuditLogEntry> Items, string? NextCursor);
