namespace Marketplace.AppHost.Storage;

/// <summary>The AppHost's <c>Storage</c> settings: which blob store to run or use, and where the local one keeps its blobs.</summary>
public sealed class BlobStorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Auto picks a configured connection string, else a container, else Azurite on Node.js.</summary>
    public BlobStorageSource Source { get; init; } = BlobStorageSource.Auto;

    /// <summary>Where the local Azurite keeps its blobs (they survive restarts); a per-AppHost folder when unset.</summary>
    public string? DataDirectory { get; init; }
}
