namespace Marketplace.Contracts.Reports;

/// <summary>A report about a listing, or about a conversation on a listing, as admins see it (<c>GET /api/admin/reports</c>).</summary>
/// <param name="ListingTitle">The listing's title now.</param>
/// <param name="ReporterId">The user who filed it.</param>
/// <param name="ResolvedAt">When it was resolved: the listing's removal, which resolves its open reports.</param>
/// <param name="ResolvedById">The admin who resolved it (who removed the listing).</param>
/// <param name="ResolutionNote">The admin's note: the removal's reason.</param>
/// <param name="Kind">What the report is about; Listing for every report before conversations.</param>
/// <param name="ConversationId">The conversation reported (Kind Conversation); admins read it with <c>GET /api/admin/conversation-reports/{id}</c>.</param>
public sealed record ReportResponse(
    long Id,
    long ListingId,
    string ListingTitle,
    Guid ReporterId,
    string Reason,
    ReportStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt,
    Guid? ResolvedById,
    string? ResolutionNote,
    ReportKind Kind = ReportKind.Listing,
    long? ConversationId = null);
