using Marketplace.Api.Infrastructure;
using Marketplace.Data.Entities;

namespace Marketplace.Api.Admin;

/// <summary>
/// <c>/api/admin</c>: for accounts whose token carries the Admin role (anonymous: 401; anyone else: 403). Every change
/// writes exactly one audit-log row in its own transaction (see <see cref="AdminAudit"/>).
/// </summary>
public static class AdminApi
{
    public const string Policy = "Admin";

    public static IHostApplicationBuilder AddAdmin(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.RequireAuthenticatedUser().RequireRole(nameof(UserRole.Admin)));
        NewestFirstCursors.AddNewestFirstCursors(builder.Services, NewestFirstCursors.AuditLog);
        NewestFirstCursors.AddNewestFirstCursors(builder.Services, NewestFirstCursors.Reports);
        NewestFirstCursors.AddNewestFirstCursors(builder.Services, NewestFirstCursors.ReportQueueOldest);
        NewestFirstCursors.AddNewestFirstCursors(builder.Services, NewestFirstCursors.ReportQueueNewest);
        NewestFirstCursors.AddNewestFirstCursors(builder.Services, NewestFirstCursors.AdminListings);
        builder.Services.AddSingleton<AdminUserCursors>();
        NewestFirstCursors.AddNewestFirstCursors(builder.Services, NewestFirstCursors.ConversationReports);
        return builder;
    }

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin")
            .WithTags("Admin")
            .RequireAuthorization(Policy)
            .ProducesEdgeProblems()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapAuditLog();
        admin.MapAdminReports();
        admin.MapAdminReportQueue();
        admin.MapAdminListings();
        admin.MapAdminUsers();
        admin.MapAdminCategoryTree();
        admin.MapAdminConversationReports();

        var writes = admin.MapGroup("")
            .RequireRateLimiting(RequestLimits.WritePolicy)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        writes.MapAdminCategories();
        writes.MapAdminModeration();
        writes.MapAdminReportDismissal();
        writes.MapAdminConversationReportDismissal();
        return app;
    }
}
