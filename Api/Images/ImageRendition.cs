namespace Marketplace.Api.Images;

/// <summary>One stored size of an image: its blob name (<c>{hash}/{long side}.webp</c>), bytes and pixel size.</summary>
public sealed record ImageRendition(string BlobName, ReadOnlyMemory<byte> Content, int Width, int Height)
{
    public const string ContentType = "image/webp";
}
