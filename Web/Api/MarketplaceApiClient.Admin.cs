using System.Globalization;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Admin;
using Marketplace.Contracts.Reports;
using Microsoft.AspNetCore.WebUtilities;

namespace Marketplace.Web.Api;

// The admin area: the reports queue (listings and conversations), finding and moderating listings and accounts, the category tree, the audit log.
// Every call is made as the signed-in admin; the Api answers anyone else 403, which the admin pages show as a 404.
public sealed partial class MarketplaceApiClient
{
    public Task<ApiAnswer<ReportQueuePage>> AdminReportQueueAsync(ReportQueueOrder order, string? cursor, CancellationToken cancellationToken) =>
        GetAsync<ReportQueuePage>(AdminQuery("/api/admin/reports/queue", ("order", order.ToString()), ("cursor", cursor)), ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<ApiNoContent>> AdminDismissReportAsync(long reportId, string note, CancellationToken cancellationToken) =>
        SendJsonAsync<ApiNoContent>(HttpMethod.Post, FormattableString.Invariant($"/api/admin/reports/{reportId}/dismiss"),
            new DismissReportRequest { Note = note }, ApiCaller.SignedIn, cancellationToken);

    /// <summary>The open reports about conversations, newest first.</summary>
    public Task<ApiAnswer<ReportPage>> AdminConversationReportsAsync(string? cursor, CancellationToken cancellationToken) =>
        GetAsync<ReportPage>(AdminQuery("/api/admin/reports", ("kind", nameof(ReportKind.Conversation)), ("cursor", cursor)), ApiCaller.SignedIn, cancellationToken);

    /// <summary>A reported conversation, read through its report: the Api records this admin's reading before it answers.</summary>
    public Task<ApiAnswer<ConversationReportDetail>> AdminReadConversationReportAsync(long reportId, CancellationToken cancellationToken) =>
        GetAsync<ConversationReportDetail>(FormattableString.Invariant($"/api/admin/conversation-reports/{reportId}"), ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<ApiNoContent>> AdminDismissConversationReportAsync(long reportId, string note, CancellationToken cancellationToken) =>
        SendJsonAsync<ApiNoContent>(HttpMethod.Post, FormattableString.Invariant($"/api/admin/conversation-reports/{reportId}/dismiss"),
            new DismissReportRequest { Note = note }, ApiCaller.SignedIn, cancellationToken);

    /// <summary>Listings in every state, newest first: by words, by the seller's whole email address, or both.</summary>
    public Task<ApiAnswer<AdminListingPage>> AdminSearchListingsAsync(string? words, string? sellerEmail, Guid? sellerId, string? cursor, CancellationToken cancellationToken) =>
        GetAsync<AdminListingPage>(AdminQuery("/api/admin/listings", ("q", words), ("sellerEmail", sellerEmail), ("sellerId", sellerId?.ToString()), ("cursor", cursor)),
            ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<AdminListingResponse>> AdminGetListingAsync(long id, CancellationToken cancellationToken) =>
        GetAsync<AdminListingResponse>(FormattableString.Invariant($"/api/admin/listings/{id}"), ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<ApiNoContent>> AdminRemoveListingAsync(long id, string reason, CancellationToken cancellationToken) =>
        SendJsonAsync<ApiNoContent>(HttpMethod.Post, FormattableString.Invariant($"/api/admin/listings/{id}/remove"),
            new ReasonRequest { Reason = reason }, ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<ApiNoContent>> AdminRestoreListingAsync(long id, string? reason, CancellationToken cancellationToken) =>
        SendJsonAsync<ApiNoContent>(HttpMethod.Post, FormattableString.Invariant($"/api/admin/listings/{id}/restore"),
            new OptionalReasonRequest { Reason = reason }, ApiCaller.SignedIn, cancellationToken);

    /// <summary>Accounts newest first: a part of the email address or display name, or only one role.</summary>
    public Task<ApiAnswer<AdminUserPage>> AdminSearchUsersAsync(string? words, UserRole? role, string? cursor, CancellationToken cancellationToken) =>
        GetAsync<AdminUserPage>(AdminQuery("/api/admin/users", ("q", words), ("role", role?.ToString()), ("cursor", cursor)), ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<AdminUserResponse>> AdminGetUserAsync(Guid id, CancellationToken cancellationToken) =>
        GetAsync<AdminUserResponse>(FormattableString.Invariant($"/api/admin/users/{id}"), ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<ApiNoContent>> AdminSuspendUserAsync(Guid id, string reason, CancellationToken cancellationToken) =>
        SendJsonAsync<ApiNoContent>(HttpMethod.Post, FormattableString.Invariant($"/api/admin/users/{id}/suspend"),
            new ReasonRequest { Reason = reason }, ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<ApiNoContent>> AdminReinstateUserAsync(Guid id, string? reason, CancellationToken cancellationToken) =>
        SendJsonAsync<ApiNoContent>(HttpMethod.Post, FormattableString.Invariant($"/api/admin/users/{id}/reinstate"),
            new OptionalReasonRequest { Reason = reason }, ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<ApiNoContent>> AdminChangeUserRoleAsync(Guid id, UserRole role, string? reason, CancellationToken cancellationToken) =>
        SendJsonAsync<ApiNoContent>(HttpMethod.Put, FormattableString.Invariant($"/api/admin/users/{id}/role"),
            new ChangeRoleRequest { Role = role, Reason = reason }, ApiCaller.SignedIn, cancellationToken);

    /// <summary>Every category, inactive ones too, roots first, then siblings in their order.</summary>
    public Task<ApiAnswer<List<AdminCategoryResponse>>> AdminCategoriesAsync(CancellationToken cancellationToken) =>
        GetAsync<List<AdminCategoryResponse>>("/api/admin/categories", ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<AdminCategoryResponse>> AdminCreateCategoryAsync(CreateCategoryRequest request, CancellationToken cancellationToken) =>
        ChangingCategoriesAsync(SendJsonAsync<AdminCategoryResponse>(HttpMethod.Post, "/api/admin/categories", request, ApiCaller.SignedIn, cancellationToken));

    public Task<ApiAnswer<AdminCategoryResponse>> AdminUpdateCategoryAsync(int id, UpdateCategoryRequest request, CancellationToken cancellationToken) =>
        ChangingCategoriesAsync(SendJsonAsync<AdminCategoryResponse>(
            HttpMethod.Patch, FormattableString.Invariant($"/api/admin/categories/{id}"), request, ApiCaller.SignedIn, cancellationToken));

    public Task<ApiAnswer<AdminCategoryResponse>> AdminMoveCategoryAsync(int id, int? parentId, CancellationToken cancellationToken) =>
        ChangingCategoriesAsync(SendJsonAsync<AdminCategoryResponse>(HttpMethod.Post, FormattableString.Invariant($"/api/admin/categories/{id}/move"),
            new MoveCategoryRequest { ParentId = parentId }, ApiCaller.SignedIn, cancellationToken));

    public Task<ApiAnswer<AdminCategoryResponse>> AdminReorderCategoryAsync(int id, CategoryDirection direction, CancellationToken cancellationToken) =>
        ChangingCategoriesAsync(SendJsonAsync<AdminCategoryResponse>(HttpMethod.Post, FormattableString.Invariant($"/api/admin/categories/{id}/reorder"),
            new ReorderCategoryRequest { Direction = direction }, ApiCaller.SignedIn, cancellationToken));

    public Task<ApiAnswer<AdminCategoryResponse>> AdminSetCategoryActiveAsync(int id, bool active, CancellationToken cancellationToken) =>
        ChangingCategoriesAsync(SendJsonAsync<AdminCategoryResponse>(HttpMethod.Post,
            FormattableString.Invariant($"/api/admin/categories/{id}/{(active ? "reactivate" : "deactivate")}"),
            new OptionalReasonRequest(), ApiCaller.SignedIn, cancellationToken));

    /// <summary>After an admin's change to the categories through this replica: its pages show the change at once.</summary>
    private async Task<ApiAnswer<T>> ChangingCategoriesAsync<T>(Task<ApiAnswer<T>> change)
    {
        try
        {
            return await change;
        }
        finally
        {
            cache.Remove(CategoriesToBrowseCacheKey);
        }
    }

    /// <summary>The audit log newest first, filtered; a time range is [from, to).</summary>
    public Task<ApiAnswer<AuditLogPage>> AdminAuditLogAsync(
        Guid? adminId, AdminAction? action, AuditTargetType? targetType, string? targetId, DateTimeOffset? from, DateTimeOffset? to, string? cursor,
        CancellationToken cancellationToken) =>
        GetAsync<AuditLogPage>(AdminQuery("/api/admin/audit-log",
                ("adminId", adminId?.ToString()), ("action", action?.ToString()), ("targetType", targetType?.ToString()), ("targetId", targetId),
                ("from", from?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)), ("to", to?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
                ("cursor", cursor)),
            ApiCaller.SignedIn, cancellationToken);

    private static string AdminQuery(string path, params (string Name, string? Value)[] parameters) =>
        QueryHelpers.AddQueryString(path, parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => KeyValuePair.Create(p.Name, p.Value)));
}
