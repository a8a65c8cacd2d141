using Azure.Storage.Blobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.DataProtection;

public static class DataProtectionRegistration
{
    /// <summary>The application name every replica shares: keys made by one unprotect on the others.</summary>
    public const string ApplicationName = "Marketplace.Web";

    public const string ConnectionStringName = "blobs";

    public const string ContainerName = "dataprotection";

    /// <summary>
    /// Data Protection with its key ring in blob storage (<c>ConnectionStrings:blobs</c>, container
    /// <c>dataprotection</c>), so a restart, a deploy or a second replica keeps everyone signed in. Without that
    /// connection string only Development may run (keys on this machine's disk); elsewhere start-up stops and says so.
    /// </summary>
    public static IHostApplicationBuilder AddMarketplaceDataProtection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (!builder.Environment.IsDevelopment())
            {
                throw new OptionsValidationException(
                    $"ConnectionStrings:{ConnectionStringName}", typeof(KeyManagementOptions),
                    [$"ConnectionStrings:{ConnectionStringName} is required outside Development: the Web keeps its Data Protection keys (which sign everyone's cookie) in blob storage."]);
            }

            return builder;
        }

        var container = new BlobServiceClient(connectionString).GetBlobContainerClient(ContainerName);
        builder.Services.Configure<KeyManagementOptions>(options => options.XmlRepository = new BlobXmlRepository(container));
        return builder;
    }
}
