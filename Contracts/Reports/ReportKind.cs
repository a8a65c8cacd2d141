namespace Marketplace.Contracts.Reports;

/// <summary>What a report is about: a listing, or a conversation between a buyer and a seller (which admins may read only through its report).</summary>
public enum ReportKind
{
    Listing,
    Conversation,
}
