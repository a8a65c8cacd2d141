using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);

// Where `azd up` deploys. In run mode this adds nothing to the model.
builder.AddAzureContainerAppEnvironment("aca");

var database = AddMarketplaceDatabase(builder);

var migrationWorker = builder.AddProject<Projects.Marketplace_MigrationWorker>("migrationworker")
    .WithReference(database)
    .WaitFor(database);

// ASPIREAZURE002 marks PublishAsAzureContainerAppJob as experimental. We accept that on purpose: the worker must run
// as a job in Azure, because a container app that exits (as the worker does when it is done) is restarted forever.
#pragma warning disable ASPIREAZURE002
migrationWorker.PublishAsAzureContainerAppJob();
#pragma warning restore ASPIREAZURE002

// The Api starts only after the worker exited 0; a failed migration leaves it unstarted rather than serving an old schema.
var api = builder.AddProject<Projects.Marketplace_Api>("api")
    .WithReference(database)
    .WaitForCompletion(migrationWorker)
    .WithExternalHttpEndpoints();

// /health is unhealthy while the database is behind the code or has drifted. As a readiness probe it keeps Azure
// Container Apps from routing users to such a replica (Azure ignores WaitForCompletion, so this is the guard there);
// WithHttpProbe also registers the same path as the dashboard's health check. ASPIREPROBES001 marks it experimental;
// accepted on purpose, because without it nothing in Azure stops traffic to an Api on an old schema.
#pragma warning disable ASPIREPROBES001
api.WithHttpProbe(Aspire.Hosting.ApplicationModel.ProbeType.Readiness, "/health")
    .WithHttpProbe(Aspire.Hosting.ApplicationModel.ProbeType.Liveness, "/alive");
#pragma warning restore ASPIREPROBES001

// In Azure Container Apps every request reaches the Api through the environment's ingress, so the connection's address
// is the ingress's: without this, all anonymous callers would share one rate-limit budget. The ingress appends the
// address it saw to X-Forwarded-For and ASP.NET Core believes only that last entry. Not in run mode, where nothing
// sits in front of the Api that would set the header honestly.
if (builder.ExecutionContext.IsPublishMode)
{
    api.WithEnvironment("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "true");
}

builder.Build().Run();

static IResourceBuilder<IResourceWithConnectionString> AddMarketplaceDatabase(IDistributedApplicationBuilder builder)
{
    const string databaseName = "marketplacedb";

    // A connection string in the AppHost's configuration (user secrets, ConnectionStrings__marketplacedb, or
    // --ConnectionStrings:marketplacedb=...) means "use this PostgreSQL": no container runtime is needed, and in
    // publish mode it becomes a secret connection-string parameter instead of a provisioned server.
    if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(databaseName)))
    {
        return builder.AddConnectionString(databaseName);
    }

    // Azure Database for PostgreSQL flexible server when published; a local container with a data volume and
    // pgAdmin when run. Password authentication because our Data project connects with a plain Npgsql connection
    // string (Aspire's Entra ID client integration is not available to us); the password is a generated secret
    // parameter, kept in user secrets locally and in Key Vault in Azure.
    return builder.AddAzurePostgresFlexibleServer("postgres")
        .WithPasswordAuthentication()
        .RunAsContainer(postgres => postgres
            .WithDataVolume()
            .WithPgAdmin())
        .AddDatabase(databaseName);
}
