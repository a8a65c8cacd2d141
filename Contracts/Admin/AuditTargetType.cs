namespace Marketplace.Contracts.Admin;

/// <summary>What kind of thing an admin action was done to.</summary>
public enum AuditTargetType
{
    User,
    Listing,
    Category,
    Report,
}
