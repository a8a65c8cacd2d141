using Aspire.Hosting.Azure;

namespace Marketplace.AppHost.Deployment;

/// <summary>
/// What `azd up` deploys with the Azure switch (-p:MarketplaceAzure=true): Azure Container Apps with the worker as a
/// job, Azure Database for PostgreSQL flexible server, Azure Managed Redis, the Api's and the Web's probes and forwarded
/// headers. Compiled only with the switch, because the Azure hosting packages are not served by every registry
/// (docs/aspire.md).
/// </summary>
public static class AzureDeployment
{
    /// <summary>
    /// The flexible server for publish mode. Password authentication because the Data project connects with a plain
    /// Npgsql connection string; the password is a generated secret, kept in a Key Vault the integration creates.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddFlexibleServer(IDistributedApplicationBuilder builder, string databaseName) =>
        builder.AddAzurePostgresFlexibleServer("postgres")
            .WithPasswordAuthentication()
            .AddDatabase(databaseName);

    /// <summary>
    /// The blob store for publish mode: a storage account with its blob service, private (no anonymous access); the Api
    /// gets its connection under <paramref name="name"/>. Not verified here: Aspire.Hosting.Azure.Storage is not served
    /// by this workplace's registry (docs/aspire.md).
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddBlobs(IDistributedApplicationBuilder builder, string name) =>
        builder.AddAzureStorage("storage").AddBlobs(name);

    /// <summary>
    /// The replicas' Redis for publish mode: Azure Managed Redis with access-key authentication, because the Api connects
    /// with a plain StackExchange.Redis connection string (Aspire's AddRedisClient). Not verified here:
    /// Aspire.Hosting.Azure.Redis is not served by this workplace's registry (docs/aspire.md).
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddCache(IDistributedApplicationBuilder builder, string name) =>
        builder.AddAzureManagedRedis(name).WithAccessKeyAuthentication();

    public static void Configure(
        IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> worker, IResourceBuilder<ProjectResource> api, IResourceBuilder<ProjectResource> web)
    {
        // Where `azd up` deploys; in run mode this adds nothing to the model.
        builder.AddAzureContainerAppEnvironment("aca");

        // A container app that exits, as the worker does when it is done, is restarted forever; a job runs once per start.
        // ASPIREAZURE002 marked this experimental in the 13.x listings we compiled against; accepted on purpose.
#pragma warning disable ASPIREAZURE002
        worker.PublishAsAzureContainerAppJob();
#pragma warning restore ASPIREAZURE002

        // Azure ignores WaitForCompletion, so the Api's own readiness (/health: 503 while the database is behind the code
        // or drifted) is what keeps users off a replica on an old schema. WithHttpProbe also registers the same path as
        // the dashboard's health check. ASPIREPROBES001 marks it experimental; accepted on purpose.
#pragma warning disable ASPIREPROBES001
        api.WithHttpProbe(ProbeType.Readiness, "/health")
            .WithHttpProbe(ProbeType.Liveness, "/alive");
        web.WithHttpProbe(ProbeType.Readiness, "/health")
            .WithHttpProbe(ProbeType.Liveness, "/alive");
#pragma warning restore ASPIREPROBES001

        // Every request reaches the Api through the environment's ingress, which appends the caller's address to
        // X-Forwarded-For; without this, all anonymous callers would share one rate-limit budget. Not in run mode, where
        // nothing in front of the Api would set the header honestly.
        // The Web likewise, so that the visitor address it forwards to the Api is the visitor's, not the ingress's.
        if (builder.ExecutionContext.IsPublishMode)
        {
            api.WithEnvironment("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "true");
            web.WithEnvironment("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "true");
        }
    }
}
