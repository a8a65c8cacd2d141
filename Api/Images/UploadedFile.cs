namespace Marketplace.Api.Images;

/// <summary>One file of an upload, spooled to a temporary file while its SHA-256 was computed; deleted on dispose.</summary>
public sealed record UploadedFile(int Index, string Path, string ContentHash, long Length) : IDisposable
{
    public void Dispose() => File.Delete(Path);
}
