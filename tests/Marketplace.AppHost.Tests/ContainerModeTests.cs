using Marketplace.AppHost.Database;
using Marketplace.AppHost.Tests.Support;

namespace Marketplace.AppHost.Tests;

/// <summary>The container path of the chain: PostgreSQL and pgAdmin in containers. Needs Docker or Podman.</summary>
public sealed class ContainerModeTests
{
    [Fact]
    public async Task With_a_container_runtime_the_worker_migrates_postgres_in_a_container()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        if (ContainerRuntimeProbe.WhyUnavailable() is { } why)
        {
            Assert.Skip($"No container runtime answers ({why}); start Docker or Podman to run this test.");
        }

        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Marketplace_AppHost>(
            ["--Database:Source=Container", "--ConnectionStrings:marketplacedb="], cancellationToken);

        // Without the data volume every run starts from an empty database, and no password from an earlier run locks it.
        foreach (var resource in appHost.Resources)
        {
            foreach (var volume in resource.Annotations.OfType<ContainerMountAnnotation>().Where(m => m.Type == ContainerMountType.Volume).ToList())
            {
                resource.Annotations.Remove(volume);
            }
        }

        await using var app = await appHost.BuildAsync(cancellationToken).WaitAsync(AppHostTestRun.StartTimeout, cancellationToken);
        await app.StartAsync(cancellationToken).WaitAsync(AppHostTestRun.StartTimeout, cancellationToken);

        var worker = await app.WaitForTerminalAsync("migrationworker", cancellationToken);
        Assert.Equal(0, worker.Snapshot.ExitCode);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("api", cancellationToken).WaitAsync(AppHostTestRun.WaitTimeout, cancellationToken);
    }
}
