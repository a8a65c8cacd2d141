using System.Net.Http.Headers;
using Marketplace.Contracts.Listings;

namespace Marketplace.Web.Api;

// A listing's photos: /api/listings/{id}/images.
public sealed partial class MarketplaceApiClient
{
    /// <summary>Uploads the files as the form received them (multipart, field <c>files</c>); the Api judges each.</summary>
    public Task<ApiAnswer<ListingImageList>> UploadImagesAsync(long listingId, IReadOnlyList<IFormFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var content = new MultipartFormDataContent();
        foreach (var file in files)
        {
            var part = new StreamContent(file.OpenReadStream());
            part.Headers.ContentType = MediaTypeHeaderValue.TryParse(file.ContentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, ListingImageRules.FilesField, file.FileName);
        }

        return SendAsync<ListingImageList>(
            new HttpRequestMessage(HttpMethod.Post, FormattableString.Invariant($"/api/listings/{listingId}/images")) { Content = content },
            ApiCaller.SignedIn, cancellationToken);
    }

    public Task<ApiAnswer<ListingImageList>> ReorderImagesAsync(long listingId, IReadOnlyList<long> imageIds, CancellationToken cancellationToken) =>
        SendJsonAsync<ListingImageList>(HttpMethod.Put, FormattableString.Invariant($"/api/listings/{listingId}/images/order"),
            new ReorderImagesRequest { ImageIds = imageIds }, ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<ApiNoContent>> DescribeImageAsync(long listingId, long imageId, string altText, CancellationToken cancellationToken) =>
        SendJsonAsync<ApiNoContent>(HttpMethod.Patch, FormattableString.Invariant($"/api/listings/{listingId}/images/{imageId}"),
            new ImageAltTextRequest { AltText = altText }, ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<ApiNoContent>> DeleteImageAsync(long listingId, long imageId, CancellationToken cancellationToken) =>
        SendJsonAsync<ApiNoContent>(HttpMethod.Delete, FormattableString.Invariant($"/api/listings/{listingId}/images/{imageId}"),
            body: null, ApiCaller.SignedIn, cancellationToken);
}
