using System.Globalization;
using System.Net;
using System.Text;
using Marketplace.Api.Categories;
using Marketplace.Api.Infrastructure;
using Marketplace.Api.Mail;
using Marketplace.Data.Entities;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.SavedSearches;

/// <summary>
/// The alert mail of a saved search: the new listings it found (each a link), a link to all its results, and the link
/// that stops its alerts, which is minted when the mail is sent (<see cref="AlertLinks.UnsubscribePlaceholder"/>).
/// What sellers and the owner wrote is HTML-encoded.
/// </summary>
public sealed class AlertMails(AlertLinks links, IOptions<MarketplaceOptions> marketplace)
{
    public EmailMessage NewMatches(string to, string displayName, SavedSearch search, CategoryTree tree, IReadOnlyList<AlertListing> shown, int total)
    {
        var what = Describe(search, tree);
        var subject = total == 1 ? $"A new listing for {what}" : $"{total} new listings for {what}";
        var currency = marketplace.Value.Currency;
        var more = total > shown.Count ? $"and {total - shown.Count} more." : null;
        var all = links.SavedSearch(search.Id);
        var footnote = search.Alerts == AlertFrequency.Daily
            ? "You get this digest at most once a day because you saved this search with daily alerts."
            : "You get this mail because you saved this search with alerts.";

        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Hello {displayName},\n\nNew on the marketplace for {what}:\n\n");
        foreach (var listing in shown)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {listing.Title}, {Price(listing.Price, currency)}{ConditionOf(listing)}\n  {links.Listing(listing.Id).AbsoluteUri}\n");
        }

        text.Append(more is null ? "" : $"\n{more}\n")
            .Append(CultureInfo.InvariantCulture, $"\nEverything your search finds: {all.AbsoluteUri}\n\n{footnote}\n")
            .Append(CultureInfo.InvariantCulture, $"Stop these alerts: {AlertLinks.UnsubscribePlaceholder}\n");

        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html><body>\n<p>Hello {Encode(displayName)},</p>\n<p>New on the marketplace for {Encode(what)}:</p>\n<ul>\n");
        foreach (var listing in shown)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<li><a href=\"{Encode(links.Listing(listing.Id).AbsoluteUri)}\">{Encode(listing.Title)}</a>, {Encode(Price(listing.Price, currency))}{Encode(ConditionOf(listing))}</li>\n");
        }

        html.Append("</ul>\n")
            .Append(more is null ? "" : $"<p>{Encode(more)}</p>\n")
            .Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Encode(all.AbsoluteUri)}\">Everything your search finds</a></p>\n")
            .Append(CultureInfo.InvariantCulture, $"<p>{Encode(footnote)} <a href=\"{AlertLinks.UnsubscribePlaceholder}\">Stop these alerts</a></p>\n")
            .Append("</body></html>\n");
        return new EmailMessage(to, OneLine(subject), text.ToString(), html.ToString());
    }

    /// <summary>A saved search in words: <c>“lamp” in Furniture, 10.00 to 50.00 EUR, like new</c>, or "everything for sale".</summary>
    public string Describe(SavedSearch search, CategoryTree tree)
    {
        var currency = marketplace.Value.Currency;
        var parts = new List<string>();
        parts.Add(search.Query is { } words ? $"“{words}”" : "everything for sale");
        if (search.CategoryId is { } categoryId && tree.SlugOf(categoryId) is { } slug && tree.FindVisible(slug) is { } category)
        {
            parts[0] += $" in {category.Name}";
        }

        var price = (search.MinPrice, search.MaxPrice) switch
        {
            ({ } min, { } max) => $"{Price(min, currency)} to {Price(max, currency)}",
            ({ } min, null) => $"from {Price(min, currency)}",
            (null, { } max) => $"up to {Price(max, currency)}",
            _ => null,
        };
        if (price is not null)
        {
            parts.Add(price);
        }

        if (search.Condition is { } condition)
        {
            parts.Add(ConditionName(condition).ToLowerInvariant());
        }

        return string.Join(", ", parts);
    }

    private static string ConditionOf(AlertListing listing) => listing.Condition is { } condition ? $", {ConditionName(condition).ToLowerInvariant()}" : "";

    private static string ConditionName(ItemCondition condition) => condition switch
    {
        ItemCondition.New => "New",
        ItemCondition.LikeNew => "Like new",
        ItemCondition.Good => "Good",
        ItemCondition.Fair => "Fair",
        _ => "For parts",
    };

    private static string Price(decimal amount, string currency) =>
        amount == 0 ? "free" : $"{amount.ToString("N2", CultureInfo.InvariantCulture)} {currency}";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string OneLine(string text) => string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));
}
