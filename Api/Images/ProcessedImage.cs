namespace Marketplace.Api.Images;

/// <summary>An uploaded file turned into what is stored: its content hash and its two renditions, metadata stripped.</summary>
public sealed record ProcessedImage(string ContentHash, long OriginalBytes, ImageRendition Thumbnail, ImageRendition Display);
