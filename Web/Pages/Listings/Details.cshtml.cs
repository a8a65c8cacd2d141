using System.Security.Claims;
using Marketplace.Contracts.Listings;
using Marketplace.Contracts.Sellers;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Listings;

/// <summary>
/// One listing: its photos, price, category, description and seller; "Contact the seller" (the platform mails the
/// seller, the buyer as reply-to; neither address appears here) and "Report this listing", both for signed-in visitors.
/// </summary>
public sealed class DetailsModel(MarketplaceApiClient api) : PageModel
{
    private static readonly Dictionary<string, string> ContactFields = new() { ["message"] = nameof(Message) };

    private static readonly Dictionary<string, string> ReportFields = new() { ["reason"] = nameof(Reason) };

    public ListingResponse Listing { get; private set; } = null!;

    public SellerProfileResponse? Seller { get; private set; }

    public string? CategoryName { get; private set; }

    [BindProperty]
    public string? Message { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public bool IsSeller => Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var me) && me == Listing.SellerId;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostContactAsync(long id, CancellationToken cancellationToken) => await AfterAsync(
        id, await api.ContactSellerAsync(id, Message ?? "", cancellationToken),
        "Your message is on its way to the seller. Their answer comes to your email.", ContactFields, cancellationToken);

    public async Task<IActionResult> OnPostReportAsync(long id, CancellationToken cancellationToken) => await AfterAsync(
        id, await api.ReportListingAsync(id, Reason ?? "", cancellationToken),
        "Thank you. Our moderators will look at this listing.", ReportFields, cancellationToken);

    // Post-redirect-get with a notice; a refusal is shown next to the form's field, what was typed kept.
    private async Task<IActionResult> AfterAsync(
        long id, ApiAnswer<ApiNoContent> answer, string notice, Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        if (answer.Succeeded)
        {
            TempData["Notice"] = notice;
            return Redirect($"/listings/{id}");
        }

        ModelState.AddProblem(answer.Problem, fields);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var listing = await api.GetListingAsync(id, cancellationToken);
        if (!listing.Succeeded)
        {
            return false;
        }

        Listing = listing.Value;
        var seller = await api.GetSellerAsync(Listing.SellerId, cancellationToken);
        Seller = seller.Succeeded ? seller.Value : null;
        var category = Listing.CategorySlug is { } slug ? await api.GetCategoryAsync(slug, cancellationToken) : null;
        CategoryName = category?.Succeeded == true ? string.Join(" › ", category.Value.Path.Select(p => p.Name)) : Listing.Category.ToString();
        return true;
    }
}
