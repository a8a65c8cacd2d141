namespace Marketplace.Api.Images;

/// <summary>A stored blob opened for reading; dispose it to release the connection.</summary>
public sealed record StoredImage(Stream Content, long Length, string ContentType) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
