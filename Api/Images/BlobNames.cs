using System.Text.RegularExpressions;

namespace Marketplace.Api.Images;

/// <summary>The shape of a rendition's blob name, <c>{sha-256 hex}/{long side}.webp</c>, checked before anything is looked up.</summary>
public static partial class BlobNames
{
    public static bool IsRendition(string hash, string rendition) => Hash().IsMatch(hash) && Rendition().IsMatch(rendition);

    /// <summary>The content hash a blob name starts with, or null for a name of another shape.</summary>
    public static string? HashOf(string name) =>
        name.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 && IsRendition(name[..slash], name[(slash + 1)..]) ? name[..slash] : null;

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Hash();

    [GeneratedRegex("^[1-9][0-9]{1,4}\\.webp$")]
    private static partial Regex Rendition();
}
