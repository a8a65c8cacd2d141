namespace Marketplace.Contracts.Admin;

/// <summary>What an admin did, as the audit log answers it.</summary>
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
