using Azure.Storage.Blobs;

namespace Marketplace.Api.Images;

/// <summary>The blob store's connection string, from ConnectionStrings:blobs.</summary>
public sealed class BlobConnectionOptions
{
    public string? ConnectionString { get; set; }

    /// <summary>Whether the Azure SDK accepts it (it parses without contacting anything).</summary>
    public bool IsValid
    {
        get
        {
            if (string.IsNullOrWhiteSpace(ConnectionString))
            {
                return false;
            }

            try
            {
                _ = new BlobServiceClient(ConnectionString);
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
    }
}
