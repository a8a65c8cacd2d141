using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Marketplace.Api.Replicas;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Infrastructure;

/// <summary>
/// Budgets a handler checks itself, because their subject is in the request's body (forgot-password per email, resend
/// per email): each a <see cref="SharedFixedWindowLimiter"/>, shared by the replicas through Redis. Emails are counted
/// by a hash, so Redis holds no address.
/// </summary>
public sealed class SharedLimits(SharedState state, IOptions<ReplicaOptions> replicas) : IDisposable
{
    private readonly PartitionedRateLimiter<Budget> _limiters = PartitionedRateLimiter.Create<Budget, string>(budget =>
        RateLimitPartition.Get(budget.Key, key => new SharedFixedWindowLimiter(key, budget.Permits, budget.Window, replicas.Value.ShareOf(budget.Permits), state)));

    /// <summary>One request against <paramref name="name"/>'s budget for <paramref name="subject"/>: dispose the lease after.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(string name, string subject, int permits, TimeSpan window, CancellationToken cancellationToken) =>
        _limiters.AcquireAsync(new Budget(KeyOf(name, subject), permits, window), 1, cancellationToken);

    /// <summary>The Redis key a budget of <paramref name="name"/> for <paramref name="subject"/> counts under.</summary>
    public static string KeyOf(string name, string subject) => $"marketplace:{name}:{subject}";

    /// <summary>A subject that must not be stored as it is (an email address): the first 128 bits of its SHA-256, in hex.</summary>
    public static string Hashed(string subject) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)))[..32];

    public void Dispose() => _limiters.Dispose();

    private readonly record struct Budget(string Key, int Permits, TimeSpan Window);
}
