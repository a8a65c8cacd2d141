using System.ComponentModel.DataAnnotations;

namespace Marketplace.AppHost.Cache;

/// <summary>The AppHost's <c>Redis</c> settings: which Redis to run or use, and where the local one keeps its data.</summary>
public sealed class CacheOptions
{
    public const string SectionName = "Redis";

    /// <summary>Auto picks a configured connection string, else a container, else the machine's redis-server.</summary>
    public CacheSource Source { get; init; } = CacheSource.Auto;

    /// <summary>The redis-server program; found on PATH or in the usual places when unset.</summary>
    public string? ServerPath { get; init; }

    /// <summary>Where the local server keeps its data (it survives restarts); a per-AppHost folder when unset.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The local server's port on 127.0.0.1; a free one is picked at each start when unset.</summary>
    [Range(1, 65535)]
    public int? Port { get; init; }
}
