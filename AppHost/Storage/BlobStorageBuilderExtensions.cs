using System.ComponentModel.DataAnnotations;
using Marketplace.AppHost.Database;
using Microsoft.Extensions.Configuration;

namespace Marketplace.AppHost.Storage;

public static class BlobStorageBuilderExtensions
{
    /// <summary>The connection's name: projects receive it as ConnectionStrings__blobs.</summary>
    public const string BlobsName = "blobs";

    private const string AzuriteImage = "mcr.microsoft.com/azure-storage/azurite";

    /// <summary>
    /// The marketplace's blob store. Run mode takes, in order: a configured connection string; Azurite in a container when
    /// a container runtime answers; Azurite on this machine's Node.js; <c>Storage:Source</c> picks one outright. Publish
    /// mode never looks at this machine: the connection string as a secret parameter, else an Azure Storage account (with
    /// the Azure switch), else an Azurite container.
    /// </summary>
    public static BlobStorageChoice AddMarketplaceBlobs(this IDistributedApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(BlobStorageOptions.SectionName).Get<BlobStorageOptions>() ?? new BlobStorageOptions();
        var invalid = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), invalid, validateAllProperties: true))
        {
            return new BlobStorageChoice(null,
                $"The AppHost's {BlobStorageOptions.SectionName} settings are invalid: {string.Join(" ", invalid.Select(r => r.ErrorMessage))}");
        }

        var configured = !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(BlobsName));
        if (builder.ExecutionContext.IsPublishMode)
        {
            return Publish(builder, configured);
        }

        if (options.Source is BlobStorageSource.ConnectionString || (options.Source is BlobStorageSource.Auto && configured))
        {
            return configured
                ? new BlobStorageChoice(builder.AddConnectionString(BlobsName), $"Blob storage: the account named by ConnectionStrings:{BlobsName}.")
                : new BlobStorageChoice(null, NoStorage($"{BlobStorageOptions.SectionName}:Source is ConnectionString but ConnectionStrings:{BlobsName} is not set."));
        }

        string? noContainer = null;
        if (options.Source is BlobStorageSource.Container or BlobStorageSource.Auto)
        {
            noContainer = ContainerRuntimeProbe.WhyUnavailable();
            if (noContainer is null)
            {
                return new BlobStorageChoice(Container(builder), "Blob storage: Azurite in a container (data volume kept between runs).");
            }

            if (options.Source is BlobStorageSource.Container)
            {
                return new BlobStorageChoice(null, NoStorage($"{BlobStorageOptions.SectionName}:Source is Container but no container runtime answers ({noContainer})."));
            }
        }

        var local = LocalAzurite.Find(builder.AppHostDirectory, out var noNode);
        if (local is null)
        {
            return new BlobStorageChoice(null, NoStorage(options.Source is BlobStorageSource.LocalAzurite
                ? $"{BlobStorageOptions.SectionName}:Source is LocalAzurite but {noNode}."
                : $"There is no ConnectionStrings:{BlobsName}, no container runtime answers ({noContainer}), and {noNode}."));
        }

        var folder = options.DataDirectory is { Length: > 0 } configuredFolder
            ? configuredFolder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "marketplace-apphost", AppHostFolder.Key(builder), "azurite");
        Directory.CreateDirectory(folder);
        var why = options.Source is BlobStorageSource.Auto ? $" (no connection string configured; no container runtime: {noContainer})" : "";
        return new BlobStorageChoice(Local(builder, local, folder), $"Blob storage: {local.Description}, blobs kept in {folder}{why}.");
    }

    /// <summary>Azurite run by the orchestrator on a port it picks; loopback only, telemetry off.</summary>
    private static IResourceBuilder<AzuriteResource> Local(IDistributedApplicationBuilder builder, LocalAzurite local, string folder)
    {
        var resource = builder.AddResource(new AzuriteResource(BlobsName, local.Command, folder))
            .WithHttpEndpoint(name: AzuriteAccount.EndpointName);
        var endpoint = resource.GetEndpoint(AzuriteAccount.EndpointName);
        return resource
            .WithArgs(context =>
            {
                foreach (var argument in local.Arguments)
                {
                    context.Args.Add(argument);
                }

                context.Args.Add("--blobHost");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--blobPort");
                context.Args.Add(endpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--location");
                context.Args.Add(folder);
                AddCommonArguments(context.Args);
            })
            .WithHttpHealthCheck(AzuriteAccount.HealthPath, AzuriteAccount.HealthStatus, AzuriteAccount.EndpointName)
            .WithIconName("Storage")
            .ExcludeFromManifest();
    }

    private static IResourceBuilder<AzuriteContainerResource> Container(IDistributedApplicationBuilder builder) =>
        builder.AddResource(new AzuriteContainerResource(BlobsName))
            .WithImage(AzuriteImage, AzuriteAccount.Version)
            .WithHttpEndpoint(targetPort: 10000, name: AzuriteAccount.EndpointName)
            .WithVolume("marketplace-azurite", "/data")
            .WithArgs(context =>
            {
                context.Args.Add("azurite-blob");
                context.Args.Add("--blobHost");
                context.Args.Add("0.0.0.0");
                context.Args.Add("--location");
                context.Args.Add("/data");
                AddCommonArguments(context.Args);
            })
            .WithHttpHealthCheck(AzuriteAccount.HealthPath, AzuriteAccount.HealthStatus, AzuriteAccount.EndpointName)
            .WithIconName("Storage");

    /// <summary>
    /// The Api's Azure SDK may speak a newer REST version than this Azurite knows; nothing it uses is newer than Azurite's
    /// features, so the version check only gets in the way. Telemetry off: the emulator must not call out.
    /// </summary>
    private static void AddCommonArguments(IList<object> args)
    {
        args.Add("--skipApiVersionCheck");
        args.Add("--loose");
        args.Add("--disableProductStyleUrl");
        args.Add("--disableTelemetry");
    }

    private static BlobStorageChoice Publish(IDistributedApplicationBuilder builder, bool configured)
    {
        // As with the database: a connection string at publish time is a secret parameter the deployment asks for.
        if (configured)
        {
            return new BlobStorageChoice(builder.AddConnectionString(BlobsName), $"Blob storage: the connection-string parameter {BlobsName}.");
        }

#if MARKETPLACE_AZURE
        return new BlobStorageChoice(Deployment.AzureDeployment.AddBlobs(builder, BlobsName), "Blob storage: an Azure Storage account.");
#else
        return new BlobStorageChoice(Container(builder), "Blob storage: an Azurite container (build with -p:MarketplaceAzure=true for an Azure Storage account).");
#endif
    }

    private static string NoStorage(string what) =>
        $"The AppHost has no blob storage for the listing images. {what} Provide one of: " +
        $"(1) an existing Azure Storage account, as ConnectionStrings:{BlobsName} (dotnet user-secrets set ConnectionStrings:{BlobsName} \"DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...\" --project AppHost); " +
        "(2) a running container runtime (start Docker or Podman); " +
        "(3) Node.js (Debian/Ubuntu: apt-get install nodejs npm; macOS: brew install node), then npm ci --prefix tools/azurite. " +
        $"{BlobStorageOptions.SectionName}:Source (Auto, ConnectionString, Container or LocalAzurite) picks one outright. See docs/aspire.md.";
}
