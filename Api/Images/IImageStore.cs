namespace Marketplace.Api.Images;

/// <summary>
/// Where image renditions live: a private blob container, written under content-addressed names. The Api serves them
/// itself; nothing outside reads the store.
/// </summary>
public interface IImageStore
{
    /// <summary>Writes (or overwrites) the blob, so its last-modified time is now: the orphan sweep leaves it alone for the grace period.</summary>
    Task PutAsync(string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);

    /// <summary>The blob's content, or null when there is none.</summary>
    Task<StoredImage?> OpenAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every blob, a page at a time, with the version a conditional delete needs.</summary>
    IAsyncEnumerable<StoredImageVersion> ListAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the blob if it is still the version listed; false when it changed (written again) or is gone.</summary>
    Task<bool> DeleteIfUnchangedAsync(StoredImageVersion version, CancellationToken cancellationToken);
}
