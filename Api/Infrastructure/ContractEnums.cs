using ApiAdminAction = Marketplace.Contracts.Admin.AdminAction;
using ApiAlertFrequency = Marketplace.Contracts.SavedSearches.AlertFrequency;
using ApiAuditTargetType = Marketplace.Contracts.Admin.AuditTargetType;
using ApiItemCondition = Marketplace.Contracts.Listings.ItemCondition;
using ApiListingCategory = Marketplace.Contracts.Listings.ListingCategory;
using ApiListingStatus = Marketplace.Contracts.Listings.ListingStatus;
using ApiUserRole = Marketplace.Contracts.Accounts.UserRole;
using DbAdminAction = Marketplace.Data.Entities.AdminAction;
using DbAlertFrequency = Marketplace.Data.Entities.AlertFrequency;
using DbAuditTargetType = Marketplace.Data.Entities.AuditTargetType;
using DbItemCondition = Marketplace.Data.Entities.ItemCondition;
using DbListingCategory = Marketplace.Data.Entities.ListingCategory;
using DbListingStatus = Marketplace.Data.Entities.ListingStatus;
using DbUserRole = Marketplace.Data.Entities.UserRole;

namespace Marketplace.Api.Infrastructure;

/// <summary>
/// Between the enums the Api answers with (Contracts) and the ones the database stores (Data). Each pair has the same
/// members in the same order, which <c>ContractEnumTests</c> holds them to, so a conversion is a cast. A label added to
/// the database's enum without the contract's fails that test rather than answering a number.
/// </summary>
public static class ContractEnums
{
    public static ApiListingStatus ToContract(this DbListingStatus value) => (ApiListingStatus)value;

    public static DbListingStatus ToStored(this ApiListingStatus value) => (DbListingStatus)value;

    public static ApiListingCategory ToContract(this DbListingCategory value) => (ApiListingCategory)value;

    public static DbListingCategory ToStored(this ApiListingCategory value) => (DbListingCategory)value;

    public static ApiUserRole ToContract(this DbUserRole value) => (ApiUserRole)value;

    public static DbUserRole ToStored(this ApiUserRole value) => (DbUserRole)value;

    public static ApiAdminAction ToContract(this DbAdminAction value) => (ApiAdminAction)value;

    public static DbAdminAction ToStored(this ApiAdminAction value) => (DbAdminAction)value;

    public static ApiAuditTargetType ToContract(this DbAuditTargetType value) => (ApiAuditTargetType)value;

    public static DbAuditTargetType ToStored(this ApiAuditTargetType value) => (DbAuditTargetType)value;

    public static ApiItemCondition ToContract(this DbItemCondition value) => (ApiItemCondition)value;

    public static DbItemCondition ToStored(this ApiItemCondition value) => (DbItemCondition)value;

    public static ApiAlertFrequency ToContract(this DbAlertFrequency value) => (ApiAlertFrequency)value;

    public static DbAlertFrequency ToStored(this ApiAlertFrequency value) => (DbAlertFrequency)value;
}
