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

/// <summary>What an outbox mail is, stored as the PostgreSQL enum <c>outbox_mail_kind</c>.</summary>
public enum OutboxMailKind
{
    /// <summary>The link that verifies the account's own address (registration, resend); minted when sent.</summary>
    Verification,

    /// <summary>The link to a new address after a change of email; minted when sent.</summary>
    EmailChange,

    /// <summary>A password reset link for whichever account has the address asked for (none: nothing is sent); minted when sent.</summary>
    PasswordReset,

    /// <summary>A mail composed in full when it was queued (a buyer's message to a seller, and every later notice); it holds no secret.</summary>
    Message,

    /// <summary>To an account's previous address after its address changed: a link that puts it back; minted when sent.</summary>
    EmailChangeRevert,
}

/// <summary>What an account's owner did to it (<see cref="AccountActivity"/>), stored as the PostgreSQL enum <c>account_activity_kind</c>.</summary>
public enum AccountActivityKind
{
    /// <summary>Downloaded the account's data.</summary>
    DataExported,

    /// <summary>Deleted the account.</summary>
    AccountDeleted,

    /// <summary>Put the account back on the address someone had moved it from.</summary>
    EmailChangeReverted,
}

/// <summary>Where an outbox mail is in its life, stored as the PostgreSQL enum <c>outbox_mail_state</c>.</summary>
public enum OutboxMailState
{
    /// <summary>Waiting to be sent, or to be tried again (from its DueAt).</summary>
    Pending,

    /// <summary>The SMTP server took it.</summary>
    Sent,

    /// <summary>Given up on: the retry budget is spent, or the SMTP server refused it for good.</summary>
    Dead,

    /// <summary>Not sent, on purpose: its link would have expired, no account has the address, or a newer mail replaced it.</summary>
    Dropped,
}

/// <summary>The state of the item a listing sells, as its seller states it; stored as the PostgreSQL enum <c>item_condition</c>.</summary>
/// <remarks>A listing made before sellers were asked has none (null): "not stated".</remarks>
public enum ItemCondition
{
    New,
    LikeNew,
    Good,
    Fair,
    ForParts,
}

/// <summary>Whether and how often a saved search mails its new matches; stored as the PostgreSQL enum <c>alert_frequency</c>.</summary>
public enum AlertFrequency
{
    /// <summary>No mail; the saved search still counts its new matches.</summary>
    Off,

    /// <summary>A mail soon after new matches appear.</summary>
    Immediate,

    /// <summary>At most one mail a day, with every match since the last.</summary>
    Daily,
}
