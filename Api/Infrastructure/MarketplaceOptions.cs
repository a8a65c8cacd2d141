using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.Infrastructure;

/// <summary>Settings under <c>Marketplace</c>: what holds for every listing.</summary>
public sealed class MarketplaceOptions
{
    public const string SectionName = "Marketplace";

    /// <summary>
    /// The one currency every price is in, as its ISO 4217 code; every price the Api answers carries it. Prices are
    /// stored with two decimal places, so the currency must have two minor units.
    /// </summary>
    [Required(ErrorMessage = "Marketplace:Currency must be set to an ISO 4217 currency code such as EUR.")]
    [Iso4217Currency]
    public string Currency { get; set; } = "EUR";

    /// <summary>
    /// Where people reach the marketplace, as an absolute http or https URL (a path is allowed). Every link the Api mails
    /// is built from it, never from the request's Host header, which a caller chooses. Development has one by default.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";

    public const string PublicBaseUrlMessage =
        "Marketplace:PublicBaseUrl must be the absolute http or https URL people reach the marketplace at (e.g. https://marketplace.example.com), " +
        "without a query or fragment; set Marketplace__PublicBaseUrl. Every mailed link is built from it.";

    public bool HasValidPublicBaseUrl =>
        Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var url)
        && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(url.Host)
        && string.IsNullOrEmpty(url.Query)
        && string.IsNullOrEmpty(url.Fragment)
        && string.IsNullOrEmpty(url.UserInfo);

    /// <summary>The page at <paramref name="path"/> under <see cref="PublicBaseUrl"/>, with <paramref name="token"/> as its query.</summary>
    public Uri PublicLink(string path, string token) => new($"{PublicPage(path).AbsoluteUri}?token={Uri.EscapeDataString(token)}");

    /// <summary>The page at <paramref name="path"/> under <see cref="PublicBaseUrl"/>.</summary>
    public Uri PublicPage(string path) => new($"{PublicBaseUrl.TrimEnd('/')}/{path.TrimStart('/')}");
}
