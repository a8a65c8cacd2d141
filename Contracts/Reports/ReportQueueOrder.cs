namespace Marketplace.Contracts.Reports;

/// <summary>The order of the admins' queue: the case waiting longest first (its first report), or the one reported last first.</summary>
public enum ReportQueueOrder
{
    Oldest,
    Newest,
}
