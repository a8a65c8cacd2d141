using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.Images;

/// <summary>Settings under <c>Images</c>: what an upload may be, the renditions made of it, and the orphan sweep.</summary>
public sealed class ListingImageOptions
{
    public const string SectionName = "Images";

    /// <summary>The private blob container the renditions live in; created on first use.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$",
        ErrorMessage = "Images:Container must be a blob container name: 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.")]
    public string Container { get; set; } = "listing-images";

    /// <summary>The largest file an upload may hold; a larger one is a 413.</summary>
    [Range(1024, 100L * 1024 * 1024, ErrorMessage = "Images:MaxFileBytes must be between {1} and {2}.")]
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The most pixels an image may declare (width × height); checked from the header, before anything is decoded.</summary>
    [Range(1, 500_000_000L, ErrorMessage = "Images:MaxPixels must be between {1} and {2}.")]
    public long MaxPixels { get; set; } = 50_000_000;

    /// <summary>The most photos one listing may have.</summary>
    [Range(1, 100, ErrorMessage = "Images:MaxImagesPerListing must be between {1} and {2}.")]
    public int MaxImagesPerListing { get; set; } = 12;

    /// <summary>The thumbnail's long side in pixels (search results).</summary>
    [Range(32, 2048, ErrorMessage = "Images:ThumbnailSize must be between {1} and {2}.")]
    public int ThumbnailSize { get; set; } = 320;

    /// <summary>The display rendition's long side in pixels (the listing page).</summary>
    [Range(64, 4096, ErrorMessage = "Images:DisplaySize must be between {1} and {2}.")]
    public int DisplaySize { get; set; } = 1280;

    /// <summary>WebP quality of the renditions.</summary>
    [Range(1, 100, ErrorMessage = "Images:Quality must be between {1} and {2}.")]
    public int Quality { get; set; } = 80;

    /// <summary>
    /// Images decoded at once on this instance; more uploads wait their turn. With the renditions' bounded size this is
    /// what bounds the memory processing takes, whatever the burst.
    /// </summary>
    [Range(1, 64, ErrorMessage = "Images:MaxConcurrentProcessing must be between {1} and {2}.")]
    public int MaxConcurrentProcessing { get; set; } = 2;

    /// <summary>How often a replica looks for blobs no image row names; the first look is one interval after start.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Images:OrphanSweepInterval must be between {1} and {2}.")]
    public TimeSpan OrphanSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How old an unnamed blob must be before the sweep deletes it: longer than any upload takes between storing its
    /// renditions and committing its row.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00", ErrorMessage = "Images:OrphanGracePeriod must be between {1} and {2}.")]
    public TimeSpan OrphanGracePeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The upload endpoint's body limit: every file at its largest, plus room for the multipart framing.</summary>
    public long MaxRequestBytes => MaxFileBytes * MaxImagesPerListing + 64 * 1024;
}
