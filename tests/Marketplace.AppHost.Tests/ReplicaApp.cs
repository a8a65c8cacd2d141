namespace Marketplace.AppHost.Tests;

/// <summary>
/// The local-binaries app for the replica tests, started apart from the shared one because these tests spend rate-limit
/// budgets and stop Redis: every Api replica caches security stamps for five minutes (so only the published message
/// can end a session on another replica in time); access tokens live one minute, so the Web refreshes a session on
/// every request (within its two-minute margin), which is what the cookie tests need; and the tests know the forwarding
/// key, so each names the visitor address it is counted by.
/// </summary>
public sealed class ReplicaApp : LocalBinariesApp
{
    public const string ForwardingKey = "replica-apphost-tests-forwarding-key-0123456789";

    protected override string[] Arguments() => [.. base.Arguments(), $"--Parameters:visitor-forwarding-key={ForwardingKey}"];

    protected override void Configure(IDistributedApplicationTestingBuilder appHost) =>
        appHost.CreateResourceBuilder<ProjectResource>("api")
            .WithEnvironment("Accounts__SecurityStampCacheDuration", "00:05:00")
            .WithEnvironment("Jwt__Lifetime", "00:01:00");
}
