using Azure.Storage.Blobs;
using Marketplace.Api.Jobs;
using Marketplace.Data;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Images;

public static class ListingImageServices
{
    /// <summary>The connection's name: ConnectionStrings:blobs, an Azure Storage connection string (the AppHost hands it over).</summary>
    public const string ConnectionName = "blobs";

    /// <summary>Azurite's default account on its default port: Development's store when nothing else is configured.</summary>
    public const string DevelopmentConnectionString = "UseDevelopmentStorage=true";

    /// <summary>The blob client (ConnectionStrings:blobs, checked at start-up), the image store, processing, and the orphan sweep.</summary>
    public static IHostApplicationBuilder AddListingImages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ListingImageOptions>()
            .BindConfiguration(ListingImageOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(images => images.ThumbnailSize < images.DisplaySize, "Images:ThumbnailSize must be smaller than Images:DisplaySize.")
            .ValidateOnStart();
        builder.Services.AddOptions<BlobConnectionOptions>()
            .Configure(blobs => blobs.ConnectionString = builder.Configuration.GetConnectionString(ConnectionName)
                ?? (builder.Environment.IsDevelopment() ? DevelopmentConnectionString : null))
            .Validate(blobs => blobs.IsValid,
                $"ConnectionStrings:{ConnectionName} must be an Azure Storage connection string (the AppHost sets it; Development defaults to Azurite, {DevelopmentConnectionString}); set ConnectionStrings__{ConnectionName}.")
            .ValidateOnStart();
        // A couple of quick retries: an upload waits on them, and a store that stays down is a 503 with Retry-After.
        builder.Services.AddSingleton(services => new BlobServiceClient(
            services.GetRequiredService<IOptions<BlobConnectionOptions>>().Value.ConnectionString,
            new BlobClientOptions
            {
                Retry = { MaxRetries = 2, Delay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(2), NetworkTimeout = TimeSpan.FromSeconds(30) },
            }));
        builder.Services.AddSingleton<IImageStore, AzureBlobImageStore>();
        builder.Services.AddSingleton<ImageProcessor>();
        builder.Services.AddSingleton<ImageProcessing>();
        builder.Services.AddPeriodicJob<OrphanImageSweep>(OrphanImageSweep.JobName, services => new PeriodicJobSchedule(
            services.GetRequiredService<IOptions<ListingImageOptions>>().Value.OrphanSweepInterval, AdvisoryLockKeys.OrphanImageSweep));
        return builder;
    }
}
