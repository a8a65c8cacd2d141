using System.Diagnostics;
using System.Diagnostics.Metrics;
using Marketplace.Data;
using Marketplace.Data.Entities;

namespace Marketplace.Api.Mail;

/// <summary>
/// The outbox's meter and spans, "Marketplace.Mail" (exported under ServiceDefaults' "Marketplace.*"): mails sent, failed
/// attempts, mails given up on (dead) and mails dropped, each tagged with the mail's kind (and a drop with its reason).
/// </summary>
public sealed class MailMetrics
{
    public const string Name = "Marketplace.Mail";

    public const string KindTag = "marketplace.mail.kind";

    public const string ReasonTag = "marketplace.mail.drop_reason";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _dead;
    private readonly Counter<long> _dropped;

    public MailMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _sent = meter.CreateCounter<long>("marketplace.mail.sent", "{mail}", "Mails the SMTP server took.");
        _failed = meter.CreateCounter<long>("marketplace.mail.failed_attempts", "{attempt}", "Attempts to send a mail that failed (it is tried again, or given up on).");
        _dead = meter.CreateCounter<long>("marketplace.mail.dead", "{mail}", "Mails given up on after their retry budget, or refused for good by the SMTP server.");
        _dropped = meter.CreateCounter<long>("marketplace.mail.dropped", "{mail}", "Mails not sent on purpose: an expired link, no account with the address, a newer mail.");
    }

    public void Sent(OutboxMailKind kind) => _sent.Add(1, new KeyValuePair<string, object?>(KindTag, TagOf(kind)));

    public void Failed(OutboxMailKind kind) => _failed.Add(1, new KeyValuePair<string, object?>(KindTag, TagOf(kind)));

    public void Dead(OutboxMailKind kind) => _dead.Add(1, new KeyValuePair<string, object?>(KindTag, TagOf(kind)));

    public void Dropped(OutboxMailKind kind, MailDrop drop) => _dropped.Add(
        1, new KeyValuePair<string, object?>(KindTag, TagOf(kind)), new KeyValuePair<string, object?>(ReasonTag, drop.Reason));

    public static string TagOf(OutboxMailKind kind) => MarketplaceEnums.LabelOf(kind);
}
