using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.AppHost.Web;

/// <summary>The marketplace's pages: the Web project, its way to the Api, and the secret that lets the Api believe it.</summary>
public static partial class WebBuilderExtensions
{
    public const string ResourceName = "web";

    /// <summary>The environment variable (configuration <c>VisitorForwarding:Key</c>) both the Api and the Web read.</summary>
    public const string ForwardingKeyVariable = "VisitorForwarding__Key";

    /// <summary>
    /// Adds the Web after the Api, with an external endpoint, and a generated secret (<c>visitor-forwarding-key</c>) that
    /// both hold: the Web sends it with the visitor's address, and the Api believes that address only with it, so its
    /// per-caller rate limits count visitors rather than the Web; and the blob store (<c>blobs</c>) for its Data Protection
    /// keys. The Web's URL is logged once it is ready.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddMarketplaceWeb(
        this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> api, IResourceBuilder<IResourceWithConnectionString> blobs)
    {
        var forwardingKey = builder.AddParameter(
            "visitor-forwarding-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
        api.WithEnvironment(ForwardingKeyVariable, forwardingKey);

        var web = builder.AddProject<Projects.Marketplace_Web>(ResourceName)
            .WithReference(api)
            .WaitFor(api)
            .WithReference(blobs)
            .WithEnvironment(ForwardingKeyVariable, forwardingKey)
            .WithExternalHttpEndpoints();
#if !MARKETPLACE_AZURE
        // The Azure switch turns the same path into the Container Apps readiness probe, which registers this check itself.
        web.WithHttpHealthCheck("/health");
#endif

        builder.Eventing.Subscribe<ResourceReadyEvent>(web.Resource, (e, _) =>
        {
            var logger = e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Marketplace.AppHost");
            LogWebUrl(logger, web.GetEndpoint("http").Url);
            return Task.CompletedTask;
        });
        return web;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The marketplace's pages: {Url}")]
    private static partial void LogWebUrl(ILogger logger, string url);
}
