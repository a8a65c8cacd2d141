namespace Marketplace.Api.Images;

/// <summary>The formats an upload may be, told apart by their first bytes (the decoder then has the last word).</summary>
public enum ImageFormat
{
    Unknown,
    Jpeg,
    Png,
    WebP,
}
