using Marketplace.Contracts.Admin;
using Marketplace.Contracts.Listings;

namespace Marketplace.Contracts.Reports;

/// <summary>
/// One case of the admins' queue: the open reports about one thing, with what an admin needs to decide. Which member
/// describes the thing follows <paramref name="Subject"/> (a listing: <paramref name="Listing"/>).
/// </summary>
/// <param name="Listing">The listing as the public sees it, when the subject is a listing.</param>
/// <param name="Account">The account the reports are against: the listing's seller.</param>
/// <param name="History">What admins did about that account before.</param>
/// <param name="ReporterCount">How many people reported it (each has at most one open report about it).</param>
/// <param name="Reports">The open reports, oldest first.</param>
public sealed record ReportCase(
    ReportSubject Subject,
    ListingResponse? Listing,
    AdminUserSummary Account,
    ModerationHistory History,
    int ReporterCount,
    DateTimeOffset FirstReportedAt,
    DateTimeOffset LastReportedAt,
    IReadOnlyList<ReportResponse> Reports);
