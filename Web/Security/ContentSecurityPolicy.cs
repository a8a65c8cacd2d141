namespace Marketplace.Web.Security;

/// <summary>
/// The Web's Content-Security-Policy: scripts, styles and everything else from this site only, as files (the Web has no
/// inline script, style attribute or handler, so no <c>'unsafe-inline'</c> and no nonces); photos from this site
/// (the Api's renditions, through <c>/api/images</c>), the upload form's previews (<c>blob:</c>) and the origins of the
/// external photos this response shows; no plugins, no <c>&lt;base&gt;</c>, forms posting here only, and no framing.
/// </summary>
public static class ContentSecurityPolicy
{
    public const string HeaderName = "Content-Security-Policy";

    public static string For(IEnumerable<string> imageOrigins) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; " +
        $"img-src {string.Join(' ', ["'self'", "blob:", .. imageOrigins])}; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}
