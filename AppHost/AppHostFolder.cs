using System.Security.Cryptography;
using System.Text;

namespace Marketplace.AppHost;

public static class AppHostFolder
{
    /// <summary>Names this AppHost's folder, so two clones on one machine keep separate local state (databases, blobs).</summary>
    public static string Key(IDistributedApplicationBuilder builder)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.AppHostDirectory)));
        return $"{Path.GetFileName(builder.AppHostDirectory.TrimEnd(Path.DirectorySeparatorChar)).ToLowerInvariant()}-{hash[..10]}";
    }
}
