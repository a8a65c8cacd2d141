using System.Diagnostics;
using Microsoft.Extensions.Options;
using NetVips;
using VipsImage = NetVips.Image;

namespace Marketplace.Api.Images;

/// <summary>
/// Turns an uploaded file into renditions with libvips. The file's first bytes pick the one decoder allowed to read it
/// (JPEG, PNG or WebP: no other libvips loader ever sees untrusted input); its header's declared size is checked before
/// a pixel is decoded, so a decompression bomb costs a few kilobytes of reading. Renditions are decoded shrunk where the
/// format allows (JPEG shrink-on-load), streamed top to bottom, turned upright by their EXIF orientation, and saved as
/// WebP with no metadata at all: no EXIF, so no GPS position, leaves the server.
/// </summary>
public sealed partial class ImageProcessor(IOptions<ListingImageOptions> options, ILogger<ImageProcessor> logger)
{
    static ImageProcessor()
    {
        // No operation cache (every upload is new; a cache only holds memory) and one thread per image: the number of
        // images decoded at once (Images:MaxConcurrentProcessing) then bounds both CPU and memory.
        Cache.Max = 0;
        Cache.MaxMem = 0;
        Cache.MaxFiles = 0;
        NetVips.NetVips.Concurrency = 1;
    }

    /// <summary>The renditions, or null with what is wrong with the file in <paramref name="problem"/> (a sentence for the uploader).</summary>
    public ProcessedImage? Process(string path, string contentHash, long length, out string? problem)
    {
        var settings = options.Value;
        var format = Sniff(path);
        if (format is ImageFormat.Unknown)
        {
            problem = "The file is not a JPEG, PNG or WebP image.";
            return null;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using (var header = Load(format, path))
            {
                var pixels = (long)header.Width * header.Height;
                if (pixels > settings.MaxPixels)
                {
                    problem = $"The image declares {header.Width} × {header.Height} pixels ({pixels:N0}); at most {settings.MaxPixels:N0} are accepted.";
                    return null;
                }
            }

            var display = Render(path, contentHash, settings.DisplaySize, settings.Quality);
            var thumbnail = Render(path, contentHash, settings.ThumbnailSize, settings.Quality);
            problem = null;
            LogProcessed(logger, format, length, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return new ProcessedImage(contentHash, length, thumbnail, display);
        }
        catch (VipsException ex)
        {
            LogUndecodable(logger, format, ex.Message);
            problem = $"The file starts like a {Name(format)} image but cannot be decoded: it is damaged or incomplete.";
            return null;
        }
    }

    /// <summary>The format the file's first bytes announce.</summary>
    public static ImageFormat Sniff(string path)
    {
        Span<byte> head = stackalloc byte[12];
        using var file = File.OpenRead(path);
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        if (head is [0xFF, 0xD8, 0xFF, ..])
        {
            return ImageFormat.Jpeg;
        }

        if (head is [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..])
        {
            return ImageFormat.Png;
        }

        return head is [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P']
            ? ImageFormat.WebP
            : ImageFormat.Unknown;
    }

    // Opening reads the header only; pixels are decoded when something asks for them.
    private static VipsImage Load(ImageFormat format, string path) => format switch
    {
        ImageFormat.Jpeg => VipsImage.Jpegload(path, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error),
        ImageFormat.Png => VipsImage.Pngload(path, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error),
        _ => VipsImage.Webpload(path, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error),
    };

    private static ImageRendition Render(string path, string contentHash, int longSide, int quality)
    {
        // thumbnail: shrink-on-load where the format has it, sequential access, EXIF orientation applied, never enlarged.
        using var image = VipsImage.Thumbnail(path, longSide, height: longSide, size: Enums.Size.Down, failOn: Enums.FailOn.Error);
        var bytes = image.WebpsaveBuffer(q: quality, keep: Enums.ForeignKeep.None);
        return new ImageRendition($"{contentHash}/{longSide}.webp", bytes, image.Width, image.Height);
    }

    private static string Name(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "JPEG",
        ImageFormat.Png => "PNG",
        _ => "WebP",
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Processed a {Format} image of {Bytes} bytes in {Milliseconds:F1} ms.")]
    private static partial void LogProcessed(ILogger logger, ImageFormat format, long bytes, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused an upload that starts as {Format} but does not decode: {Reason}")]
    private static partial void LogUndecodable(ILogger logger, ImageFormat format, string reason);
}
