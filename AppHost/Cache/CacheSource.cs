namespace Marketplace.AppHost.Cache;

/// <summary>Where the AppHost gets Redis from in run mode; <c>Redis:Source</c> in configuration.</summary>
public enum CacheSource
{
    /// <summary>The first that works of the three below, in their order.</summary>
    Auto,

    /// <summary>An existing Redis named by <c>ConnectionStrings:cache</c>.</summary>
    ConnectionString,

    /// <summary>Redis in a container (Docker or Podman).</summary>
    Container,

    /// <summary>The machine's own <c>redis-server</c>, run as an Aspire resource.</summary>
    LocalServer,
}
