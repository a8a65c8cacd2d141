using System.ComponentModel.DataAnnotations;

namespace Marketplace.AppHost.Database;

/// <summary>The AppHost's <c>Database</c> settings: which PostgreSQL to run or use, and where the local one lives.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>Auto picks a configured connection string, else a container, else the machine's binaries.</summary>
    public DatabaseSource Source { get; init; } = DatabaseSource.Auto;

    /// <summary>The folder with initdb, pg_ctl and postgres; found on PATH or in the usual places when unset.</summary>
    public string? PostgresBinDirectory { get; init; }

    /// <summary>Where the local server keeps its data (it survives restarts); a per-AppHost folder when unset.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The local server's port on 127.0.0.1; a free one is picked at each start when unset.</summary>
    [Range(1, 65535)]
    public int? Port { get; init; }
}
