using System.Globalization;
using System.Net;
using Marketplace.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Mail;

/// <summary>
/// The mails about a listing, as plain text plus HTML: a buyer's message to its seller, sent by the platform to the
/// seller's address with the buyer's as Reply-To, so neither learns the other's address until the seller answers.
/// Links are built from <c>Marketplace:PublicBaseUrl</c>; what users wrote is HTML-encoded in the HTML part.
/// </summary>
public sealed class ListingMails(IOptions<MarketplaceOptions> options)
{
    /// <summary>Where the Web app shows a listing: <c>/listings/{id}</c>.</summary>
    public const string ListingPath = "/listings";

    public Uri ListingLink(long listingId) => options.Value.PublicPage($"{ListingPath}/{listingId.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>A buyer's <paramref name="message"/> about the listing, to its seller, replies going to the buyer.</summary>
    public EmailMessage BuyerMessage(
        string sellerEmail, string sellerName, string buyerEmail, string buyerName, long listingId, string listingTitle, string message)
    {
        var link = ListingLink(listingId);
        var lead = $"{buyerName} wrote to you about your listing \"{listingTitle}\":";
        var footnote = $"Reply to this mail to answer {buyerName}: your answer goes to them from your own address. " +
                       "The marketplace passed this message on without showing them your address.";
        var text = $"""
            Hello {sellerName},

            {lead}

            {message}

            The listing: {link.AbsoluteUri}

            {footnote}
            """;
        var html = $"""
            <!DOCTYPE html>
            <html><body>
            <p>Hello {Encode(sellerName)},</p>
            <p>{Encode(lead)}</p>
            <blockquote style="white-space: pre-wrap">{Encode(message)}</blockquote>
            <p><a href="{Encode(link.AbsoluteUri)}">See the listing</a></p>
            <p>{Encode(footnote)}</p>
            </body></html>
            """;
        return new EmailMessage(sellerEmail, $"About your listing \"{OneLine(listingTitle)}\"", text, html, ReplyTo: buyerEmail);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    // A title is one line on the page, and a subject must be one.
    private static string OneLine(string text) => string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));
}
