using System.Buffers;
using System.Security.Cryptography;
using Marketplace.Contracts.Listings;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Marketplace.Api.Images;

/// <summary>
/// Reads a multipart upload section by section, each file streamed once to a temporary file while it is hashed and
/// counted: nothing is held in memory whole, and a file over the limit is refused at the byte that crosses it.
/// </summary>
public static class MultipartImageReader
{
    private const int BufferSize = 64 * 1024;

    /// <summary>The files, or a refusal; on a refusal every temporary file is already deleted.</summary>
    public static async Task<(List<UploadedFile>? Files, UploadRefusal? Refusal)> ReadAsync(
        HttpRequest request, long maxFileBytes, int maxFiles, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return (null, new UploadRefusal(StatusCodes.Status415UnsupportedMediaType, ListingImageRules.FilesField,
                "The body must be multipart/form-data with the images in the files field."));
        }

        var files = new List<UploadedFile>();
        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.IsFileDisposition()
                    || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, ListingImageRules.FilesField, StringComparison.Ordinal))
                {
                    var name = disposition is null ? "" : HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                    return Refuse(files, StatusCodes.Status400BadRequest, ListingImageRules.FilesField,
                        $"Only files in the {ListingImageRules.FilesField} field are accepted{(name.Length > 0 && name.Length <= 50 ? $", not the field '{name}'" : "")}.");
                }

                var index = files.Count;
                if (index >= maxFiles)
                {
                    return Refuse(files, StatusCodes.Status400BadRequest, ListingImageRules.FilesField,
                        $"A listing may have at most {maxFiles} more image{(maxFiles == 1 ? "" : "s")} now; this upload has more.");
                }

                if (await SpoolAsync(section.Body, index, maxFileBytes, cancellationToken) is not { } file)
                {
                    return Refuse(files, StatusCodes.Status413PayloadTooLarge, $"{ListingImageRules.FilesField}[{index}]",
                        $"The file is larger than {maxFileBytes:N0} bytes, the most an image may be.");
                }

                files.Add(file);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
        {
            // A malformed multipart body (a bad boundary, a truncated section, over-long headers).
            return Refuse(files, StatusCodes.Status400BadRequest, ListingImageRules.FilesField, "The multipart body is malformed.");
        }
        catch
        {
            Delete(files);
            throw;
        }

        if (files.Count == 0)
        {
            return (null, new UploadRefusal(StatusCodes.Status400BadRequest, ListingImageRules.FilesField,
                $"Send at least one image in the {ListingImageRules.FilesField} field."));
        }

        return (files, null);
    }

    /// <summary>The spooled file, or null (and nothing left on disk) when it is larger than <paramref name="maxFileBytes"/>.</summary>
    private static async Task<UploadedFile?> SpoolAsync(Stream body, int index, long maxFileBytes, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "marketplace-upload-" + Guid.NewGuid().ToString("N"));
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length = 0;
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.Asynchronous))
            {
                int read;
                while ((read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                {
                    length += read;
                    if (length > maxFileBytes)
                    {
                        File.Delete(path);
                        return null;
                    }

                    hash.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            return new UploadedFile(index, path, Convert.ToHexStringLower(hash.GetHashAndReset()), length);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (List<UploadedFile>?, UploadRefusal?) Refuse(List<UploadedFile> files, int status, string field, string message)
    {
        Delete(files);
        return (null, new UploadRefusal(status, field, message));
    }

    private static void Delete(List<UploadedFile> files)
    {
        foreach (var file in files)
        {
            file.Dispose();
        }
    }
}
