using System.Security.Claims;
using Marketplace.Api.Auth;
using Marketplace.Api.Infrastructure;
using Marketplace.Api.Listings;
using Marketplace.Contracts.Listings;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Marketplace.Api.Images;

/// <summary>A seller's photos of a listing: upload, reorder, alt text, delete; and serving the renditions to everyone allowed to see them.</summary>
public static partial class ListingImagesApi
{
    private const string Tag = "Listing images";

    public static IEndpointRouteBuilder MapListingImagesApi(this IEndpointRouteBuilder app)
    {
        var limits = app.ServiceProvider.GetRequiredService<IOptions<ListingImageOptions>>().Value;

        var images = app.MapGroup("/api/listings/{id:long}/images")
            .WithTags(Tag)
            .ProducesEdgeProblems()
            .RequireAuthorization()
            .RequireRateLimiting(RequestLimits.WritePolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        images.MapPost("/", UploadAsync)
            .WithName("UploadListingImages")
            .WithSummary("Upload photos of a listing")
            .WithDescription(
                "multipart/form-data with one or more files in the files field; JPEG, PNG or WebP, judged from the bytes. " +
                $"Each at most {limits.MaxFileBytes:N0} bytes (413 otherwise) and {limits.MaxPixels:N0} pixels; at most {limits.MaxImagesPerListing} per listing. " +
                "A file that is not such an image is a 400 naming files[i]; a refused upload stores nothing. The photos are turned upright, " +
                "stripped of all metadata (EXIF, GPS) and stored as a thumbnail and a display size; their alt text is the listing's title. " +
                "The caller's email address must be verified (403 otherwise); an archived listing is a 409.")
            .WithMetadata(new RequestBodyLimit(limits.MaxRequestBytes))
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = MultipartFilesBody();
                return Task.CompletedTask;
            })
            .RequireVerifiedEmail()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        images.MapPut("/order", ReorderAsync)
            .WithName("ReorderListingImages")
            .WithSummary("Reorder a listing's photos")
            .WithDescription("imageIds: every image of the listing, each once, in the new order; the first is the one search results show.")
            .RequireVerifiedEmail()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        images.MapPatch("/{imageId:long}", UpdateAltTextAsync)
            .WithName("UpdateListingImage")
            .WithSummary("Change a photo's alt text")
            .RequireVerifiedEmail()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        images.MapDelete("/{imageId:long}", DeleteAsync)
            .WithName("DeleteListingImage")
            .WithSummary("Delete a photo")
            .WithDescription("The photos after it move up one place. Its stored renditions are removed by the orphan sweep once nothing names them.")
            .RequireVerifiedEmail();

        app.MapGet("/api/images/{hash}/{rendition}", ServeAsync)
            .WithTags(Tag)
            .WithName("GetImage")
            .WithSummary("Get an image rendition")
            .WithDescription(
                "The URLs listings carry (thumbnailUrl, displayUrl). The path names the bytes, so the answer never changes: it may be cached " +
                "forever (Cache-Control immutable, an ETag). Images of drafts, archived and removed listings are 404 to everyone but the seller (and admins).")
            .ProducesEdgeProblems()
            .Produces(StatusCodes.Status200OK, contentType: ImageRendition.ContentType)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Created<ListingImageList>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        long id,
        HttpRequest request,
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        IImageStore store,
        ImageProcessing processing,
        IOptions<ListingImageOptions> options,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var read = await db.Listings.AsNoTracking()
            .Where(l => l.Id == id)
            .WithFacts(l => new { l.Title, Images = l.Images.Count })
            .SingleOrDefaultAsync(cancellationToken);
        if (ListingAccess.Refuse(read?.Facts, caller, ListingAction.AddPhotos, id) is { } refused)
        {
            return refused;
        }

        var listing = read!.Row;
        var room = settings.MaxImagesPerListing - listing.Images;
        if (room <= 0)
        {
            return ApiErrors.Field(ListingImageRules.FilesField,
                $"Listing {id} already has {listing.Images} images, the most a listing may have; delete one first.");
        }

        var (files, refusal) = await MultipartImageReader.ReadAsync(request, settings.MaxFileBytes, room, cancellationToken);
        if (refusal is not null)
        {
            return refusal.Status == StatusCodes.Status400BadRequest
                ? ApiErrors.Field(refusal.Field, refusal.Message)
                : Refused(refusal);
        }

        try
        {
            // Every file is checked before anything is stored: one bad file refuses the whole upload.
            var (processed, errors) = await processing.ProcessAsync(files!, cancellationToken);
            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors);
            }

            // Blobs first, then the rows in one transaction: a failure in between leaves only blobs no row names, which
            // the orphan sweep removes after its grace period; never a row without its blobs.
            foreach (var image in processed)
            {
                await store.PutAsync(image.Thumbnail.BlobName, image.Thumbnail.Content, ImageRendition.ContentType, cancellationToken);
                await store.PutAsync(image.Display.BlobName, image.Display.Content, ImageRendition.ContentType, cancellationToken);
            }

            return await AddRowsAsync(db, id, caller, listing.Title, processed, settings.MaxImagesPerListing, cancellationToken);
        }
        finally
        {
            foreach (var file in files!)
            {
                file.Dispose();
            }
        }
    }

    /// <summary>
    /// Adds the rows after the listing's last image, holding the listing's row lock so that concurrent uploads count
    /// each other's images: together they never pass the per-listing limit.
    /// </summary>
    private static Task<Results<Created<ListingImageList>, ValidationProblem, ProblemHttpResult>> AddRowsAsync(
        MarketplaceDbContext db, long id, ClaimsPrincipal caller, string title, List<ProcessedImage> processed, int maxImages, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var listing = await ListingAccess.LockAsync(db, id, ct);
            if (ListingAccess.Refuse(listing, caller, ListingAction.AddPhotos, id) is { } refused)
            {
                return (Results<Created<ListingImageList>, ValidationProblem, ProblemHttpResult>)refused;
            }

            var existing = await db.ListingImages.Where(i => i.ListingId == id).CountAsync(ct);
            if (existing + processed.Count > maxImages)
            {
                return ApiErrors.Field(ListingImageRules.FilesField,
                    $"Listing {id} may have at most {maxImages} images; another upload took the room meanwhile.");
            }

            var position = existing;
            foreach (var image in processed)
            {
                db.ListingImages.Add(new ListingImage
                {
                    ListingId = id,
                    Position = position++,
                    ContentHash = image.ContentHash,
                    ThumbnailBlobName = image.Thumbnail.BlobName,
                    DisplayBlobName = image.Display.BlobName,
                    Width = image.Display.Width,
                    Height = image.Display.Height,
                    ThumbnailWidth = image.Thumbnail.Width,
                    ThumbnailHeight = image.Thumbnail.Height,
                    OriginalBytes = image.OriginalBytes,
                    AltText = Truncate(title),
                });
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return TypedResults.Created($"/api/listings/{id}", new ListingImageList(await ListingGallery.ReadAsync(db, id, ct)));
        }, cancellationToken);

    public static async Task<Results<Ok<ListingImageList>, ValidationProblem, ProblemHttpResult>> ReorderAsync(
        long id,
        ReorderImagesRequest request,
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        CancellationToken cancellationToken)
    {
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var listing = await ListingAccess.LockAsync(db, id, ct);
            if (ListingAccess.Refuse(listing, caller, ListingAction.ChangePhotos, id) is { } refused)
            {
                return (Results<Ok<ListingImageList>, ValidationProblem, ProblemHttpResult>)refused;
            }

            var images = await db.ListingImages.Where(i => i.ListingId == id).ToListAsync(ct);
            var order = request.ImageIds!;
            if (order.Count != images.Count || order.Distinct().Count() != order.Count || !images.All(i => order.Contains(i.Id)))
            {
                return ApiErrors.Field("imageIds",
                    $"List every image of listing {id} once ({images.Count} image{(images.Count == 1 ? "" : "s")}: {string.Join(", ", images.OrderBy(i => i.Position).Select(i => i.Id))}).");
            }

            foreach (var image in images)
            {
                image.Position = IndexOf(order, image.Id);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return TypedResults.Ok(new ListingImageList(await ListingGallery.ReadAsync(db, id, ct)));
        }, cancellationToken);
    }

    public static async Task<Results<Ok<ListingImageResponse>, ValidationProblem, ProblemHttpResult>> UpdateAltTextAsync(
        long id,
        long imageId,
        ImageAltTextRequest request,
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        CancellationToken cancellationToken)
    {
        // A photo of a listing the caller may not change is as absent as one that does not exist.
        var listing = await ListingAccess.FindAsync(db, id, cancellationToken);
        var image = ListingAccess.Check(listing, ListingCaller.Of(caller), ListingAction.ChangePhotos) is null
            ? await db.ListingImages.SingleOrDefaultAsync(i => i.Id == imageId && i.ListingId == id, cancellationToken)
            : null;
        if (image is null)
        {
            return ImageNotFound(id, imageId);
        }

        image.AltText = request.AltText.Trim();
        if (image.AltText.Length == 0)
        {
            return ApiErrors.Field("altText", "The alt text must say something.");
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ImagePaths.ToResponse(image));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long id,
        long imageId,
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        CancellationToken cancellationToken)
    {
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var listing = await ListingAccess.LockAsync(db, id, ct);
            var images = ListingAccess.Check(listing, ListingCaller.Of(caller), ListingAction.ChangePhotos) is not null
                ? []
                : await db.ListingImages.Where(i => i.ListingId == id).OrderBy(i => i.Position).ThenBy(i => i.Id).ToListAsync(ct);
            var image = images.Find(i => i.Id == imageId);
            if (image is null)
            {
                return (Results<NoContent, ProblemHttpResult>)ImageNotFound(id, imageId);
            }

            // Only the row goes: the blobs may be named by another row (the same photo elsewhere), and the orphan sweep
            // removes them once none does. So no row ever names a missing blob.
            db.ListingImages.Remove(image);
            images.Remove(image);
            for (var i = 0; i < images.Count; i++)
            {
                images[i].Position = i;
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return TypedResults.NoContent();
        }, cancellationToken);
    }

    public static async Task<IResult> ServeAsync(
        string hash,
        string rendition,
        HttpContext httpContext,
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        IImageStore store,
        CancellationToken cancellationToken)
    {
        var name = $"{hash}/{rendition}";
        if (!BlobNames.IsRendition(hash, rendition))
        {
            return ImageNotFound(name);
        }

        // The same bytes may be a photo of several listings: whoever may see one of them may see the photo.
        var listings = await db.ListingImages.AsNoTracking()
            .Where(i => i.ContentHash == hash && (i.ThumbnailBlobName == name || i.DisplayBlobName == name))
            .Select(i => i.Listing!)
            .Select(ListingAccess.Facts)
            .ToListAsync(cancellationToken);
        var isPublic = listings.Any(l => ListingAccess.Check(l, ListingCaller.Anonymous, ListingAction.View) is null);
        if (!isPublic && !listings.Any(l => ListingAccess.Check(l, ListingCaller.Of(caller), ListingAction.View) is null))
        {
            return ImageNotFound(name);
        }

        // The path names the bytes, so the ETag can be the path; a public image may sit in shared caches, a private one
        // (a draft's, a removed listing's) only in the caller's.
        var etag = $"\"{hash}.{rendition}\"";
        var response = httpContext.Response;
        response.Headers.CacheControl = $"{(isPublic ? "public" : "private")}, max-age=31536000, immutable";
        response.Headers.ETag = etag;
        if (httpContext.Request.Headers.IfNoneMatch.Any(value => value is not null && value.Split(',').Any(tag => tag.Trim() == etag || tag.Trim() == "*")))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var stored = await store.OpenAsync(name, cancellationToken);
        if (stored is null)
        {
            response.Headers.Remove("Cache-Control");
            response.Headers.Remove("ETag");
            return ImageNotFound(name);
        }

        response.RegisterForDisposeAsync(stored);
        response.ContentLength = stored.Length;
        return TypedResults.Stream(stored.Content, stored.ContentType);
    }

    private static int IndexOf(IReadOnlyList<long> order, long id)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i] == id)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Truncate(string title) =>
        title.Length <= ListingImageRules.AltTextMaxLength ? title : title[..ListingImageRules.AltTextMaxLength];

    private static ProblemHttpResult Refused(UploadRefusal refusal) => TypedResults.Problem(new HttpValidationProblemDetails(
        new Dictionary<string, string[]> { [refusal.Field] = [refusal.Message] })
    {
        Status = refusal.Status,
        Title = refusal.Status == StatusCodes.Status413PayloadTooLarge ? "File too large." : "Unsupported media type.",
        Detail = refusal.Message,
    });

    private static ProblemHttpResult ImageNotFound(long id, long imageId) => ApiErrors.NotFound($"Listing {id} has no image {imageId}.");

    private static ProblemHttpResult ImageNotFound(string name) => ApiErrors.NotFound($"There is no image {ImagePaths.Prefix}{name}.");

    private static OpenApiRequestBody MultipartFilesBody() => new()
    {
        Required = true,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["multipart/form-data"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { ListingImageRules.FilesField },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        [ListingImageRules.FilesField] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Array,
                            Description = "JPEG, PNG or WebP images.",
                            Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                        },
                    },
                },
            },
        },
    };
}
