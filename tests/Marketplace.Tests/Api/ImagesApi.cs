using Marketplace.Tests.Support;

namespace Marketplace.Tests.Api;

/// <summary>
/// One migrated Api on a real Azurite, with a blob container of its own, shared by the image tests of a class (each
/// works with its own accounts and listings). Small limits, so the limits are cheap to reach.
/// </summary>
public sealed class ImagesApi(PostgresServer server) : IAsyncLifetime
{
    public const int MaxFileBytes = 1024 * 1024;
    public const int MaxImagesPerListing = 4;

    private ApiApp? _app;

    public ApiApp App => _app ?? throw new InvalidOperationException("Not initialized.");

    public AzuriteServer Azurite { get; private set; } = null!;

    public string Container { get; } = AzuriteServer.NewContainerName();

    public async ValueTask InitializeAsync()
    {
        Azurite = await AzuriteServer.SharedAsync();
        var settings = Azurite.Settings(Container);
        settings["Images:MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Images:MaxImagesPerListing"] = MaxImagesPerListing.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _app = await ApiApp.CreateAsync(server, settings);
    }

    /// <summary>The blobs of this Api's container whose names start with <paramref name="hash"/> (all of them when null).</summary>
    public async Task<List<string>> BlobsAsync(string? hash = null) =>
        (await Azurite.BlobNamesAsync(Container)).Where(name => hash is null || name.StartsWith(hash, StringComparison.Ordinal)).ToList();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await Azurite.Container(Container).DeleteIfExistsAsync();
    }
}
