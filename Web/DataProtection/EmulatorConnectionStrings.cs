namespace Marketplace.Web.DataProtection;

/// <summary>
/// Azurite on a port of its own at <c>localhost</c>: the Azure SDK reads the account from the path (the emulator's
/// style) only for an IP address (or the emulator's default ports), and otherwise takes <c>devstoreaccount1</c> for a
/// container, which Azurite refuses as an invalid resource name. Naming the loopback address by IP keeps the path style.
/// </summary>
public static class EmulatorConnectionStrings
{
    private const string BlobEndpointKey = "BlobEndpoint=";

    public static string PathStyle(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);

        // Split by hand: an account key ends in '=', which a general connection-string builder would quote.
        var parts = connectionString.Split(';');
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].StartsWith(BlobEndpointKey, StringComparison.OrdinalIgnoreCase)
                && Uri.TryCreate(parts[i][BlobEndpointKey.Length..], UriKind.Absolute, out var uri)
                && string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                parts[i] = BlobEndpointKey + new UriBuilder(uri) { Host = "127.0.0.1" }.Uri.ToString().TrimEnd('/');
            }
        }

        return string.Join(';', parts);
    }
}
