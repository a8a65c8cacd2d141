using System.Globalization;

namespace Marketplace.Tests.Support;

/// <summary>
/// A real SMTP server (<see cref="SmtpInbox"/>) behind a loopback port that refuses every connection until
/// <see cref="End"/>: a mail server that is down, then back. <see cref="Settings"/> point an Api at it, with the outbox's
/// retry backoff shortened to a tenth of a second, doubling to a second, so an outage of seconds is many attempts.
/// </summary>
public sealed class MailServerOutage : IAsyncDisposable
{
    private readonly DelayedTcpProxy _port;

    public MailServerOutage()
    {
        Inbox = SmtpInbox.Start();
        _port = new DelayedTcpProxy(SmtpInbox.Host, Inbox.Port);
    }

    /// <summary>What arrives once the outage ended.</summary>
    public SmtpInbox Inbox { get; }

    /// <summary>The Api's settings for this mail server (<paramref name="separator"/> "__" for environment variables).</summary>
    public Dictionary<string, string?> Settings(string separator = ":", int maxAttempts = 100) => new()
    {
        [$"Smtp{separator}Host"] = SmtpInbox.Host,
        [$"Smtp{separator}Port"] = _port.Port.ToString(CultureInfo.InvariantCulture),
        [$"Outbox{separator}RetryDelay"] = "00:00:00.100",
        [$"Outbox{separator}MaxRetryDelay"] = "00:00:01",
        [$"Outbox{separator}MaxAttempts"] = maxAttempts.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The mail server takes connections from now on.</summary>
    public void End() => _port.Open();

    public async ValueTask DisposeAsync()
    {
        await _port.DisposeAsync();
        Inbox.Dispose();
    }
}
