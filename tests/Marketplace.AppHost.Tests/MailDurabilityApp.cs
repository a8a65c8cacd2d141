namespace Marketplace.AppHost.Tests;

/// <summary>
/// The local-binaries app for the mail durability tests, started apart from the others because they kill an Api
/// replica and stop the mail server: smtp4dev keeps its messages in a file of this run (so stopping and starting it
/// loses none), the outbox retries after two seconds, doubling up to ten (instead of 30 s up to an hour), and the tests
/// know the forwarding key, so each request names the visitor address its limits count it by.
/// </summary>
public sealed class MailDurabilityApp : LocalBinariesApp
{
    public const string ForwardingKey = "mail-durability-apphost-tests-forwarding-key-0123";

    public string MailDatabase => DataDirectory + "-smtp4dev.db";

    protected override string[] Arguments() =>
        [.. base.Arguments(), $"--Parameters:visitor-forwarding-key={ForwardingKey}", $"--Mail:DatabasePath={MailDatabase}"];

    protected override void Configure(IDistributedApplicationTestingBuilder appHost) =>
        appHost.CreateResourceBuilder<ProjectResource>("api")
            .WithEnvironment("Outbox__RetryDelay", "00:00:02")
            .WithEnvironment("Outbox__MaxRetryDelay", "00:00:10");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(MailDatabase);
    }
}
