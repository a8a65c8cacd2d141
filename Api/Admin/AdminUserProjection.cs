using System.Linq.Expressions;
using Marketplace.Api.Infrastructure;
using Marketplace.Contracts.Admin;
using Marketplace.Data.Entities;

namespace Marketplace.Api.Admin;

/// <summary>An account as admins see it, as one projection every admin read shares (a seller, a reported account, a found one).</summary>
public static class AdminUserProjection
{
    public static readonly Expression<Func<User, AdminUserSummary>> AsSummary = u => new AdminUserSummary(
        u.Id, u.Email, u.DisplayName, u.Role.ToContract(), u.CreatedAt, u.EmailVerifiedAt, u.SuspendedAt);
}
