using Marketplace.Contracts.Conversations;

namespace Marketplace.Contracts.Reports;

/// <summary>
/// A reported conversation as an admin reads it (<c>GET /api/admin/conversation-reports/{id}</c>): the report, the
/// listing, both sides by id and display name, the messages oldest first, and every admin's reading of it (this one included).
/// </summary>
public sealed record ConversationReportDetail(
    ReportResponse Report,
    ConversationListing Listing,
    Guid BuyerId,
    string BuyerName,
    Guid SellerId,
    string SellerName,
    IReadOnlyList<ReportedMessage> Messages,
    IReadOnlyList<ReportViewEntry> Views);
