namespace Marketplace.AppHost.Storage;

/// <summary>Where the AppHost gets blob storage from in run mode; <c>Storage:Source</c> in configuration.</summary>
public enum BlobStorageSource
{
    /// <summary>The first that works of the three below, in their order.</summary>
    Auto,

    /// <summary>An existing Azure Storage account (or emulator) named by <c>ConnectionStrings:blobs</c>.</summary>
    ConnectionString,

    /// <summary>Azurite in a container (Docker or Podman).</summary>
    Container,

    /// <summary>Azurite from npm, run by the AppHost with this machine's Node.js.</summary>
    LocalAzurite,
}
