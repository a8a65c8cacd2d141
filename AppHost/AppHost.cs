using System.ComponentModel.DataAnnotations;
using Marketplace.AppHost;
using Marketplace.AppHost.Cache;
using Marketplace.AppHost.Database;
using Marketplace.AppHost.Demo;
using Marketplace.AppHost.Mail;
using Marketplace.AppHost.Schema;
using Marketplace.AppHost.Storage;
using Marketplace.AppHost.Web;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);
builder.StopProjectsGracefullyOnShutdown();

// PostgreSQL and the database `marketplacedb`: a configured connection string, else a container, else this machine's
// binaries; with none of them, say what to provide and stop instead of waiting for a database that never comes.
var database = builder.AddMarketplaceDatabase();
if (database.Resource is null)
{
    await Console.Error.WriteLineAsync(database.Summary);
    return AppHostExitCodes.NoDatabase;
}

builder.LogAtStart(database.Summary);

// The listing images' blob store `blobs`: a configured connection string, else Azurite in a container, else Azurite
// on this machine's Node.js; with none of them, say what to provide and stop.
var blobs = builder.AddMarketplaceBlobs();
if (blobs.Resource is null)
{
    await Console.Error.WriteLineAsync(blobs.Summary);
    return AppHostExitCodes.NoBlobStorage;
}

builder.LogAtStart(blobs.Summary);

// Redis `cache`, the replicas' shared rate limits and evictions: chosen as the database is, or say what to provide and stop.
var cache = builder.AddMarketplaceCache();
if (cache.Resource is null)
{
    await Console.Error.WriteLineAsync(cache.Summary);
    return AppHostExitCodes.NoCache;
}

builder.LogAtStart(cache.Summary);

var replicas = builder.Configuration.GetSection(ReplicaOptions.SectionName).Get<ReplicaOptions>() ?? new ReplicaOptions();
var invalidReplicas = new List<ValidationResult>();
if (!Validator.TryValidateObject(replicas, new ValidationContext(replicas), invalidReplicas, validateAllProperties: true))
{
    await Console.Error.WriteLineAsync($"The AppHost's {ReplicaOptions.SectionName} settings are invalid: {string.Join(" ", invalidReplicas.Select(r => r.ErrorMessage))}");
    return AppHostExitCodes.InvalidSettings;
}

var migrationWorker = builder.AddProject<Projects.Marketplace_MigrationWorker>("migrationworker")
    .WithReference(database.Resource)
    .WaitFor(database.Resource)
    .WithSchemaCommands()
    .WithDeadMailCommand();

// The Api starts only after the worker exited 0; a failed migration leaves it unstarted rather than serving an old schema.
// Its replicas share Redis; each knows how many they are, so that without Redis each allows its share of a budget.
var api = builder.AddProject<Projects.Marketplace_Api>("api")
    .WithReference(database.Resource)
    .WithReference(blobs.Resource)
    .WaitFor(blobs.Resource)
    .WithReference(cache.Resource)
    .WaitFor(cache.Resource)
    .WaitForCompletion(migrationWorker)
    .WithReplicas(replicas.Api)
    .WithEnvironment("Replicas__Api", replicas.Api.ToString(System.Globalization.CultureInfo.InvariantCulture))
    .WithExternalHttpEndpoints();

// The pages: after the Api, through service discovery; the mailed links (verification, reset) open them. Their Data
// Protection keys live in the same blob store, so a restart or a second replica keeps everyone signed in.
var web = builder.AddMarketplaceWeb(api, blobs.Resource).WithReplicas(replicas.Web);

// Deployed, the Api runs in Production, where there is no default signing key: the deployment asks for one as a
// secret. Run mode keeps the Development key from the Api's appsettings.Development.json.
if (builder.ExecutionContext.IsPublishMode)
{
    api.WithEnvironment("Jwt__SigningKey", builder.AddParameter("jwt-signing-key", secret: true));
    api.WithPublishedMail();
}
else
{
    // smtp4dev: the verification mails land in its inbox, linked from the dashboard.
    api.WithDevelopmentMail(builder.AddSmtp4dev("mail"), web.GetEndpoint("http"));

    // A dashboard button that fills the development database with a demo marketplace, through the Api.
    migrationWorker.WithSeedDemoCommand(api);
}

#if MARKETPLACE_AZURE
Marketplace.AppHost.Deployment.AzureDeployment.Configure(builder, migrationWorker, api, web);
#else
// Readiness: /health is unhealthy while the database is behind the code or has drifted (the Azure switch turns the
// same path into the Container Apps readiness probe, which registers this check itself).
api.WithHttpHealthCheck("/health");
#endif

await builder.Build().RunAsync();
return 0;
