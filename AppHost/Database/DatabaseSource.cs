namespace Marketplace.AppHost.Database;

/// <summary>Where the AppHost gets PostgreSQL from in run mode; <c>Database:Source</c> in configuration.</summary>
public enum DatabaseSource
{
    /// <summary>The first that works of the three below, in their order.</summary>
    Auto,

    /// <summary>An existing PostgreSQL named by <c>ConnectionStrings:marketplacedb</c>.</summary>
    ConnectionString,

    /// <summary>PostgreSQL and pgAdmin in containers (Docker or Podman).</summary>
    Container,

    /// <summary>The machine's own PostgreSQL server binaries, run as an Aspire resource.</summary>
    LocalBinaries,
}
