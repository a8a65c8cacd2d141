using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Marketplace.Api.Infrastructure;
using Marketplace.Contracts.Listings;
using Marketplace.Data;
using Marketplace.Data.Entities;

namespace Marketplace.Tests.Contracts;

/// <summary>
/// The Api answers with the Contracts' enums and stores Data's; <see cref="ContractEnums"/> converts by casting, which is
/// right only while each pair has the same members in the same order. A label added on one side alone fails here, not
/// in an answer that carries a number or the wrong name.
/// </summary>
public sealed class ContractEnumTests
{
    public static TheoryData<Type, Type> Pairs => new()
    {
        { typeof(Marketplace.Data.Entities.ListingStatus), typeof(Marketplace.Contracts.Listings.ListingStatus) },
        { typeof(Marketplace.Data.Entities.ListingCategory), typeof(Marketplace.Contracts.Listings.ListingCategory) },
        { typeof(Marketplace.Data.Entities.UserRole), typeof(Marketplace.Contracts.Accounts.UserRole) },
        { typeof(Marketplace.Data.Entities.AdminAction), typeof(Marketplace.Contracts.Admin.AdminAction) },
        { typeof(Marketplace.Data.Entities.AuditTargetType), typeof(Marketplace.Contracts.Admin.AuditTargetType) },
        { typeof(Marketplace.Data.Entities.ItemCondition), typeof(Marketplace.Contracts.Listings.ItemCondition) },
        { typeof(Marketplace.Data.Entities.AlertFrequency), typeof(Marketplace.Contracts.SavedSearches.AlertFrequency) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void The_contract_enum_has_the_stored_enums_members_in_the_same_order(Type stored, Type contract)
    {
        var storedMembers = Enum.GetValues(stored).Cast<object>().Select(v => (Name: v.ToString(), Value: Convert.ToInt32(v, null)));
        var contractMembers = Enum.GetValues(contract).Cast<object>().Select(v => (Name: v.ToString(), Value: Convert.ToInt32(v, null)));

        Assert.Equal(storedMembers, contractMembers);
    }

    [Fact]
    public void Every_enum_mapped_in_the_database_has_a_contract_pair()
    {
        using var db = new MarketplaceDbContextFactory().CreateDbContext([]);
        var mapped = db.Model.GetEntityTypes()
            .SelectMany(e => e.GetProperties())
            .Select(p => Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType)
            .Where(t => t.IsEnum)
            .ToHashSet();
        var paired = Pairs.Select(row => (Type)row.Data.Item1).ToHashSet();

        Assert.Empty(paired.Except(mapped));
    }

    [Fact]
    public void The_conversions_keep_the_name()
    {
        Assert.Equal(nameof(AdminAction.CategoryReordered), AdminAction.CategoryReordered.ToContract().ToString());
        Assert.Equal(Marketplace.Data.Entities.ListingStatus.Sold, Marketplace.Contracts.Listings.ListingStatus.Sold.ToStored());
    }

    [Fact]
    public void A_listing_request_states_the_schemas_limits()
    {
        var title = typeof(ListingRequest).GetProperty(nameof(ListingRequest.Title))!.GetCustomAttribute<StringLengthAttribute>()!;
        using var db = new MarketplaceDbContextFactory().CreateDbContext([]);

        Assert.Equal(db.Model.FindEntityType(typeof(Listing))!.FindProperty(nameof(Listing.Title))!.GetMaxLength(), title.MaximumLength);
    }
}
