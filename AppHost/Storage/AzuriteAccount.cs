namespace Marketplace.AppHost.Storage;

/// <summary>Azurite's one development account: its name and key are public, documented by Microsoft, and the same everywhere.</summary>
public static class AzuriteAccount
{
    public const string Name = "devstoreaccount1";

    public const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The version the tools/azurite lock file and the container image pin.</summary>
    public const string Version = "3.35.0";

    /// <summary>The blob endpoint's name on both kinds of resource.</summary>
    public const string EndpointName = "blob";

    /// <summary>
    /// An Azure Storage connection string for the account behind <paramref name="blobEndpoint"/>. The host is an IP
    /// address, not <c>localhost</c>: on a port other than Azurite's default the Azure SDK reads a named host as
    /// host-style (the account in the host name) and takes the account's name for a container's, which Azurite refuses.
    /// </summary>
    public static ReferenceExpression ConnectionString(EndpointReference blobEndpoint) => ReferenceExpression.Create(
        $"DefaultEndpointsProtocol=http;AccountName={Name};AccountKey={Key};BlobEndpoint=http://127.0.0.1:{blobEndpoint.Property(EndpointProperty.Port)}/{Name};");

    /// <summary>
    /// Anonymous list-containers answers 403 once the service is up (there is no anonymous 200 on a private account), so
    /// that is the health check's expected status: any answer other than a refused connection means Azurite listens.
    /// </summary>
    public const string HealthPath = "/" + Name + "?comp=list";

    public const int HealthStatus = 403;
}
