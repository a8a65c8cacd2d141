using System.ComponentModel.DataAnnotations;
using Marketplace.AppHost.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Marketplace.AppHost.Cache;

public static class CacheBuilderExtensions
{
    /// <summary>The connection's name: projects receive it as ConnectionStrings__cache (Aspire's AddRedisClient("cache")).</summary>
    public const string CacheName = "cache";

    /// <summary>
    /// The replicas' Redis: shared rate limits and the evictions every replica hears. Run mode takes, in order: a
    /// configured connection string; Redis in a container when a container runtime answers; the machine's redis-server;
    /// <c>Redis:Source</c> picks one outright. Publish mode never looks at this machine: the connection string as a
    /// secret parameter, else Azure Managed Redis (with the Azure switch), else a Redis container.
    /// </summary>
    public static CacheChoice AddMarketplaceCache(this IDistributedApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(CacheOptions.SectionName).Get<CacheOptions>() ?? new CacheOptions();
        var invalid = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), invalid, validateAllProperties: true))
        {
            return new CacheChoice(null,
                $"The AppHost's {CacheOptions.SectionName} settings are invalid: {string.Join(" ", invalid.Select(r => r.ErrorMessage))}");
        }

        var configured = !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(CacheName));
        if (builder.ExecutionContext.IsPublishMode)
        {
            return Publish(builder, configured);
        }

        if (options.Source is CacheSource.ConnectionString || (options.Source is CacheSource.Auto && configured))
        {
            return configured
                ? new CacheChoice(builder.AddConnectionString(CacheName), $"Redis: the server named by ConnectionStrings:{CacheName}.")
                : new CacheChoice(null, NoCache($"{CacheOptions.SectionName}:Source is ConnectionString but ConnectionStrings:{CacheName} is not set."));
        }

        string? noContainer = null;
        if (options.Source is CacheSource.Container or CacheSource.Auto)
        {
            noContainer = ContainerRuntimeProbe.WhyUnavailable();
            if (noContainer is null)
            {
                return new CacheChoice(builder.AddRedis(CacheName).WithDataVolume(), "Redis: in a container (data volume kept between runs).");
            }

            if (options.Source is CacheSource.Container)
            {
                return new CacheChoice(null, NoCache($"{CacheOptions.SectionName}:Source is Container but no container runtime answers ({noContainer})."));
            }
        }

        var server = LocalRedisServer.Prepare(options, AppHostFolder.Key(builder), out var noServer, out var note);
        if (server is null)
        {
            return new CacheChoice(null, NoCache(options.Source is CacheSource.LocalServer
                ? $"{CacheOptions.SectionName}:Source is LocalServer but {noServer}."
                : $"There is no ConnectionStrings:{CacheName}, no container runtime answers ({noContainer}), and {noServer}."));
        }

        var why = options.Source is CacheSource.Auto ? $" (no connection string configured; no container runtime: {noContainer})" : "";
        return new CacheChoice(builder.AddLocalRedis(CacheName, server), $"Redis: {server.Description}{why}.{(note is null ? "" : " " + note)}");
    }

    /// <summary>
    /// Runs <paramref name="server"/> as a resource: the orchestrator starts and stops it, the dashboard shows its log and
    /// health (a PING with its password), and its stop and start commands work as a container's do.
    /// </summary>
    private static IResourceBuilder<LocalRedisServerResource> AddLocalRedis(this IDistributedApplicationBuilder builder, string name, LocalRedisServer server)
    {
        var password = builder.AddParameter($"{name}-password", server.Password, secret: true);
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().AddRedis($"127.0.0.1:{server.Port},password={server.Password},abortConnect=false,connectTimeout=2000", name: healthCheck);
        return builder.AddResource(new LocalRedisServerResource(name, server, password.Resource))
            .WithArgs(server.ConfigFile)
            .WithEndpoint(port: server.Port, targetPort: server.Port, scheme: "tcp", name: "tcp", isProxied: false)
            .WithHealthCheck(healthCheck)
            .WithIconName("Memory")
            .ExcludeFromManifest();
    }

    private static CacheChoice Publish(IDistributedApplicationBuilder builder, bool configured)
    {
        // As with the database: a connection string at publish time is a secret parameter the deployment asks for.
        if (configured)
        {
            return new CacheChoice(builder.AddConnectionString(CacheName), $"Redis: the connection-string parameter {CacheName}.");
        }

#if MARKETPLACE_AZURE
        return new CacheChoice(Deployment.AzureDeployment.AddCache(builder, CacheName), "Redis: Azure Managed Redis.");
#else
        return new CacheChoice(builder.AddRedis(CacheName).WithDataVolume(), "Redis: a Redis container (build with -p:MarketplaceAzure=true for Azure Managed Redis).");
#endif
    }

    private static string NoCache(string what) =>
        $"The AppHost has no Redis for the replicas' shared rate limits and evictions. {what} Provide one of: " +
        $"(1) an existing Redis, as ConnectionStrings:{CacheName} (dotnet user-secrets set ConnectionStrings:{CacheName} \"host:6379,password=...\" --project AppHost, " +
        $"or the environment variable ConnectionStrings__{CacheName}); " +
        "(2) a running container runtime (start Docker or Podman); " +
        "(3) Redis's server (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis), found on PATH, in /usr/bin, /usr/local/bin or Homebrew's prefix, " +
        $"or named in {CacheOptions.SectionName}:{nameof(CacheOptions.ServerPath)}. " +
        $"{CacheOptions.SectionName}:Source (Auto, ConnectionString, Container or LocalServer) picks one outright. See docs/aspire.md.";
}
