using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Marketplace.Web.DataProtection;

/// <summary>
/// The Data Protection key ring as one XML blob, so every replica and every restart decrypts the same cookies. A store
/// reads the blob, appends the new key and writes it back only if nobody wrote in between (its ETag), else tries again.
/// </summary>
public sealed class BlobXmlRepository(BlobContainerClient container, string blobName = BlobXmlRepository.DefaultBlobName) : IXmlRepository
{
    public const string DefaultBlobName = "keys.xml";

    private const string RootName = "repository";

    private const int MaxStoreAttempts = 10;

    private readonly BlobClient blob = container.GetBlobClient(blobName);

    // IXmlRepository is synchronous: Data Protection calls it rarely (start-up, key rotation) and caches the ring.
    public IReadOnlyCollection<XElement> GetAllElements() => Read().Document.Root!.Elements().Select(e => new XElement(e)).ToList();

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        container.CreateIfNotExists();
        for (var attempt = 1; ; attempt++)
        {
            var (document, etag) = Read();
            document.Root!.Add(new XElement(element));
            var conditions = etag is { } known ? new BlobRequestConditions { IfMatch = known } : new BlobRequestConditions { IfNoneMatch = ETag.All };
            try
            {
                using var content = new MemoryStream();
                document.Save(content, SaveOptions.DisableFormatting);
                content.Position = 0;
                blob.Upload(content, new BlobUploadOptions { Conditions = conditions, HttpHeaders = new BlobHttpHeaders { ContentType = "application/xml" } });
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxStoreAttempts)
            {
                // Another replica stored a key meanwhile: read its version and add ours to it.
            }
        }
    }

    private (XDocument Document, ETag? ETag) Read()
    {
        try
        {
            var download = blob.DownloadContent();
            using var stream = download.Value.Content.ToStream();
            return (XDocument.Load(stream), download.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (new XDocument(new XElement(RootName)), null);
        }
    }
}
