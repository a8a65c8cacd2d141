namespace Marketplace.Contracts.Reports;

/// <summary>What a case of the admins' queue is about. Listings so far; other kinds of report join as members of their own.</summary>
public enum ReportSubject
{
    Listing,
}
