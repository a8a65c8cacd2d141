namespace Marketplace.Contracts.Listings;

/// <summary>What a listing's photos may be: the limits the Api validates and the schema's columns use.</summary>
public static class ListingImageRules
{
    public const int AltTextMaxLength = 500;

    /// <summary>The multipart form field every uploaded file goes in (repeated for several files).</summary>
    public const string FilesField = "files";

    /// <summary>The image types an upload may be, judged from the bytes, never from a name or a declared type.</summary>
    public static readonly IReadOnlyList<string> AcceptedTypes = ["image/jpeg", "image/png", "image/webp"];
}
