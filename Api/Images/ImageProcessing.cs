using Microsoft.Extensions.Options;

namespace Marketplace.Api.Images;

/// <summary>
/// Runs <see cref="ImageProcessor"/> on an upload's files, at most Images:MaxConcurrentProcessing images at once on this
/// instance (a burst of uploads queues here instead of multiplying the memory decoding takes).
/// </summary>
public sealed class ImageProcessing(ImageProcessor processor, IOptions<ListingImageOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentProcessing);

    /// <summary>The processed images in upload order, or the errors keyed <c>files[i]</c>; every file is tried, so all problems show at once.</summary>
    public async Task<(List<ProcessedImage> Images, Dictionary<string, string[]> Errors)> ProcessAsync(
        IReadOnlyList<UploadedFile> files, CancellationToken cancellationToken)
    {
        var images = new List<ProcessedImage>(files.Count);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            await _slots.WaitAsync(cancellationToken);
            try
            {
                string? problem = null;
                var image = await Task.Run(() => processor.Process(file.Path, file.ContentHash, file.Length, out problem), cancellationToken);
                if (image is null)
                {
                    errors[$"files[{file.Index}]"] = [problem!];
                }
                else
                {
                    images.Add(image);
                }
            }
            finally
            {
                _slots.Release();
            }
        }

        return (images, errors);
    }

    public void Dispose() => _slots.Dispose();
}
