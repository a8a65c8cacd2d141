namespace Marketplace.Web.Security;

/// <summary>
/// The origins of the photos one response shows from elsewhere (a listing's legacy external photos, which the Api
/// answers only when they are https on a host it allows), gathered while the page renders so that its
/// Content-Security-Policy allows those and no other. Scoped: one per request.
/// </summary>
public sealed class PageImageOrigins
{
    private readonly SortedSet<string> _origins = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Origins => _origins;

    /// <summary>
    /// Notes where an image the page shows comes from. A path on this site needs nothing; an absolute https address
    /// adds its origin; anything else (http, data:, another scheme) adds nothing, so the browser refuses it.
    /// </summary>
    public void Add(string? source)
    {
        if (Uri.TryCreate(source, UriKind.Absolute, out var address) && address.Scheme == Uri.UriSchemeHttps)
        {
            _origins.Add(address.GetLeftPart(UriPartial.Authority));
        }
    }
}
