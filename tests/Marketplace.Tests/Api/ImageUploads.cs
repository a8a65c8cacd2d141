using System.Net.Http.Headers;
using System.Security.Cryptography;
using Marketplace.Contracts.Listings;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>Sending files to POST /api/listings/{id}/images as a browser's form would.</summary>
public static class ImageUploads
{
    public static MultipartFormDataContent Form(params (byte[] Bytes, string FileName, string ContentType)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (bytes, fileName, contentType) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(file, ListingImageRules.FilesField, fileName);
        }

        return form;
    }

    public static Task<HttpResponseMessage> UploadAsync(this Account seller, long listingId, params (byte[] Bytes, string FileName, string ContentType)[] files) =>
        seller.Client.PostAsync($"/api/listings/{listingId}/images", Form(files), Ct);

    public static Task<HttpResponseMessage> UploadJpegAsync(this Account seller, long listingId, byte[] jpeg) =>
        seller.UploadAsync(listingId, (jpeg, "photo.jpg", "image/jpeg"));

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
