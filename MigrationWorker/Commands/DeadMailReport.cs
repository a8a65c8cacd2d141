using Marketplace.Data;
using Marketplace.Data.Outbox;

namespace Marketplace.MigrationWorker.Commands;

/// <summary>The shape of <c>dead-mail --json</c>; a contract with users' scripts and the dashboard's command.</summary>
public sealed record DeadMailReport(string Database, IReadOnlyList<DeadMailReport.Mail> DeadMails)
{
    /// <param name="Kind">verification, email_change, password_reset or message.</param>
    /// <param name="DeadAt">When the Api gave up on it; it is purged Outbox:RetainFor (7 days) after.</param>
    /// <param name="Detail">The last failure, as the SMTP client reported it.</param>
    public sealed record Mail(Guid Id, string Kind, string To, DateTimeOffset CreatedAt, DateTimeOffset DeadAt, int Attempts, string? Detail);

    public static DeadMailReport From(string database, IEnumerable<DeadMail> dead) => new(
        database,
        [.. dead.Select(m => new Mail(m.Id, MarketplaceEnums.LabelOf(m.Kind), m.ToAddress, m.CreatedAt, m.DeadAt, m.Attempts, m.Detail))]);
}
