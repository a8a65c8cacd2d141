using Marketplace.Contracts.Admin;
using Marketplace.Contracts.Listings;
using Marketplace.Contracts.Reports;

namespace Marketplace.Contracts.Accounts;

/// <summary>
/// Everything the marketplace holds about an account, for its owner to take away (<c>GET /api/me/export</c>): a section
/// for every table that refers to the account. Token tables give times only, never a token or its hash.
/// </summary>
/// <param name="Listings">Every listing of the account in every state, each with its photos (their URLs on the Api).</param>
/// <param name="ReportsFiled">The reports the account filed about listings.</param>
/// <param name="Sessions">Its sign-ins: when each started, its maximum age and when it ended.</param>
/// <param name="RefreshTokens">The tokens that kept its sessions going.</param>
/// <param name="VerificationLinks">The links mailed to verify an address (its own, or one it changed to).</param>
/// <param name="PasswordResetLinks">The password reset links mailed to it.</param>
/// <param name="EmailChangeRevertLinks">The links mailed to a previous address after the address changed.</param>
/// <param name="Mails">The mails about the account in the outbox (kept 7 days after they went).</param>
/// <param name="Activity">What the owner did to the account: downloads of this data, an address put back.</param>
/// <param name="Conversations">The conversations the account took part in, with the messages it wrote.</param>
/// <param name="ConversationReportsFiled">The reports the account filed about conversations.</param>
/// <param name="Blocks">The accounts this account blocked.</param>
/// <param name="Favourites">The listings the account saved.</param>
/// <param name="SavedSearches">The searches the account saved, with their alerts.</param>
/// <param name="ListingsRemoved">As an admin: the listings the account removed.</param>
/// <param name="ReportsResolved">As an admin: the reports the account resolved.</param>
/// <param name="AdminActions">As an admin: the account's entries in the admins' audit log.</param>
/// <param name="ConversationReportsRead">As an admin: the reported conversations the account read.</param>
public sealed record AccountExport(
    DateTimeOffset ExportedAt,
    ExportedAccount Account,
    IReadOnlyList<ListingResponse> Listings,
    IReadOnlyList<ReportResponse> ReportsFiled,
    IReadOnlyList<ExportedSession> Sessions,
    IReadOnlyList<ExportedToken> RefreshTokens,
    IReadOnlyList<ExportedToken> VerificationLinks,
    IReadOnlyList<ExportedToken> PasswordResetLinks,
    IReadOnlyList<ExportedToken> EmailChangeRevertLinks,
    IReadOnlyList<ExportedMail> Mails,
    IReadOnlyList<ExportedActivity> Activity,
    IReadOnlyList<ExportedConversation> Conversations,
    IReadOnlyList<ExportedConversationReport> ConversationReportsFiled,
    IReadOnlyList<ExportedBlock> Blocks,
    IReadOnlyList<ExportedFavourite> Favourites,
    IReadOnlyList<ExportedSavedSearch> SavedSearches,
    IReadOnlyList<ExportedRemoval> ListingsRemoved,
    IReadOnlyList<ReportResponse> ReportsResolved,
    IReadOnlyList<AuditLogEntry> AdminActions,
    IReadOnlyList<ExportedReportView> ConversationReportsRead);
