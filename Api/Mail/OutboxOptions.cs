using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.Mail;

/// <summary>Settings under <c>Outbox</c>: how the senders on every replica work through the mail outbox.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>How often a replica looks for due mail (one probe of a small index when there is none).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00", ErrorMessage = "Outbox:PollInterval must be between {1} and {2}.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The wait after a first failed attempt; each further failure doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00", ErrorMessage = "Outbox:RetryDelay must be between {1} and {2}.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00", ErrorMessage = "Outbox:MaxRetryDelay must be between {1} and {2}.")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts before a mail is given up on (dead); the defaults spread 12 attempts over about six hours.</summary>
    [Range(1, 100, ErrorMessage = "Outbox:MaxAttempts must be between {1} and {2}.")]
    public int MaxAttempts { get; set; } = 12;

    /// <summary>How long sent, dead and dropped mails are kept (for the dead-mail list and for questions) before the purge.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00", ErrorMessage = "Outbox:RetainFor must be between {1} and {2}.")]
    public TimeSpan RetainFor { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often one replica (an advisory lock) purges them.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Outbox:PurgeInterval must be between {1} and {2}.")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The wait before attempt <paramref name="failures"/> + 1: doubling from <see cref="RetryDelay"/>, capped, spread by ±20 % so a burst that failed together does not retry together.</summary>
    public TimeSpan RetryDelayAfter(int failures)
    {
        var doubled = RetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30));
        var capped = Math.Min(doubled, MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }
}
