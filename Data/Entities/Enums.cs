namespace Marketplace.Data.Entities;

/// <summary>The legacy, fixed listing category, stored as the PostgreSQL enum <c>listing_category</c>.</summary>
/// <remarks>Kept for old clients and old rows; <see cref="Listing.CategoryId"/> is the source of truth since AddCategoryModel.</remarks>
public enum ListingCategory
{
    Electronics,
    Furniture,
    Clothing,
    Vehicles,
    HomeAndGarden,
    Sports,
    BooksAndMedia,
    Toys,
    Collectibles,
    Other,
}

/// <summary>Stored as the PostgreSQL enum <c>listing_status</c>.</summary>
public enum ListingStatus
{
    Draft,
    Active,
    Sold,
    Archived,
}

/// <summary>Stored as the PostgreSQL enum <c>user_role</c>.</summary>
public enum UserRole
{
    User,
    Admin,
}

/// <summary>Stored as the PostgreSQL enum <c>admin_action</c>.</summary>
public enum AdminAction
{
    UserSuspended,
    UserReinstated,
    UserRoleChanged,
    ListingRemoved,
    ListingRestored,
    CategoryCreated,
    CategoryUpdated,
    CategoryDeactivated,
    CategoryReactivated,
    CategoryMoved,
    CategoryReordered,
    ReportResolved,
}

/// <summary>Stored as the PostgreSQL enum <c>audit_target_type</c>.</summary>
public enum AuditTargetType
{
    User,
    Listing,
    Category,
    Report,
}
