using System.Diagnostics;
using Marketplace.Api.Jobs;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.Api.Images;

/// <summary>
/// Deletes rendition blobs no image row names, once they are older than Images:OrphanGracePeriod: what an upload left
/// when it failed (or lost the per-listing race) between storing its blobs and committing its rows, and what deleted
/// images left. A periodic job on one replica at a time (<see cref="Marketplace.Data.AdvisoryLockKeys.OrphanImageSweep"/>).
/// Race-free with uploads of the same photo: an upload writes its blobs again (a new ETag) before its row commits, and
/// the sweep deletes only the version it listed.
/// </summary>
public sealed partial class OrphanImageSweep(
    NpgsqlDataSource dataSource,
    IImageStore store,
    IOptions<ListingImageOptions> options,
    TimeProvider timeProvider,
    ILogger<OrphanImageSweep> logger) : IPeriodicJob
{
    public const string JobName = "orphan-image-sweep";

    private const int PageSize = 500;

    public Task RunAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    /// <summary>One sweep: the number of blobs deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var cutoff = timeProvider.GetUtcNow() - options.Value.OrphanGracePeriod;
        var deleted = 0;
        var page = new List<StoredImageVersion>(PageSize);
        await foreach (var blob in store.ListAsync(cancellationToken))
        {
            if (blob.LastModified <= cutoff)
            {
                page.Add(blob);
            }

            if (page.Count == PageSize)
            {
                deleted += await SweepAsync(connection, page, cancellationToken);
                page.Clear();
            }
        }

        deleted += await SweepAsync(connection, page, cancellationToken);
        Activity.Current?.SetTag("marketplace.images.deleted", deleted);
        LogSwept(logger, deleted);
        return deleted;
    }

    private async Task<int> SweepAsync(NpgsqlConnection connection, List<StoredImageVersion> blobs, CancellationToken cancellationToken)
    {
        if (blobs.Count == 0)
        {
            return 0;
        }

        // Which of these names does some row still use? A name of another shape is no rendition of ours: left alone.
        var names = blobs.Where(b => BlobNames.HashOf(b.Name) is not null).Select(b => b.Name).ToArray();
        await using var query = new NpgsqlCommand(
            """
            SELECT n FROM unnest(@names) AS n
            WHERE EXISTS (SELECT 1 FROM "ListingImage" i WHERE i."ThumbnailBlobName" = n OR i."DisplayBlobName" = n)
            """, connection);
        query.Parameters.AddWithValue("names", names);
        var named = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                named.Add(reader.GetString(0));
            }
        }

        var deleted = 0;
        foreach (var blob in blobs.Where(b => names.Contains(b.Name) && !named.Contains(b.Name)))
        {
            if (await store.DeleteIfUnchangedAsync(blob, cancellationToken))
            {
                deleted++;
            }
        }

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Orphan image sweep deleted {Blobs} blobs no image names.")]
    private static partial void LogSwept(ILogger logger, int blobs);
}
