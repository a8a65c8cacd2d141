using System.Security.Claims;
using Marketplace.Api.Auth;
using Marketplace.Data.Entities;

namespace Marketplace.Api.Listings;

/// <summary>Who asks, as far as a listing's rules care: which account (none when signed out), and whether an admin.</summary>
public readonly record struct ListingCaller(Guid? UserId, bool IsAdmin)
{
    public static readonly ListingCaller Anonymous = new(null, false);

    public static ListingCaller Of(ClaimsPrincipal caller) =>
        new(AccessTokens.OptionalUserIdOf(caller), caller.IsInRole(nameof(UserRole.Admin)));
}
