using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Images;

/// <summary>The image store on Azure Blob Storage (Azurite locally): one private container, created on first use.</summary>
public sealed class AzureBlobImageStore(BlobServiceClient service, IOptions<ListingImageOptions> options) : IImageStore
{
    private readonly BlobContainerClient _container = service.GetBlobContainerClient(options.Value.Container);
    private volatile bool _containerExists;

    public async Task PutAsync(string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        await _container.GetBlobClient(name).UploadAsync(
            BinaryData.FromBytes(content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } },
            cancellationToken);
    }

    public async Task<StoredImage?> OpenAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var download = await _container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken);
            var details = download.Value.Details;
            return new StoredImage(download.Value.Content, details.ContentLength, details.ContentType ?? "application/octet-stream");
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<StoredImageVersion> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!await _container.ExistsAsync(cancellationToken))
        {
            yield break;
        }

        await foreach (var blob in _container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            yield return new StoredImageVersion(blob.Name, blob.Properties.LastModified ?? DateTimeOffset.MinValue, blob.Properties.ETag?.ToString() ?? "");
        }
    }

    public async Task<bool> DeleteIfUnchangedAsync(StoredImageVersion version, CancellationToken cancellationToken)
    {
        try
        {
            await _container.GetBlobClient(version.Name).DeleteAsync(
                DeleteSnapshotsOption.IncludeSnapshots,
                new BlobRequestConditions { IfMatch = new ETag(version.ETag) },
                cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is StatusCodes.Status412PreconditionFailed or StatusCodes.Status404NotFound)
        {
            return false;
        }
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_containerExists)
        {
            return;
        }

        // Private: no anonymous read, whatever the account allows; the Api decides who sees which image.
        await _container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
        _containerExists = true;
    }
}
