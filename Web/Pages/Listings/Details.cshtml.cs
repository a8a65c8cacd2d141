using System.Security.Claims;
using Marketplace.Contracts.Categories;
using Marketplace.Contracts.Listings;
using Marketplace.Web.Api;
using Marketplace.Web.Auth;
using Marketplace.Web.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Listings;

/// <summary>
/// One listing: title, price, condition and seller, its photos, description and category; the heart that saves it;
/// "Message the seller" (starts the buyer's one conversation about it, or continues it: neither side ever sees the
/// other's address) while it is for sale, and "Report this listing".
/// The page follows the listing's state: a sold one takes no messages, an archived one offers its seller to relist it,
/// a draft to publish or delete it. Only its seller sees a draft, an archived or a removed listing.
/// </summary>
public sealed class DetailsModel(MarketplaceApiClient api) : PageModel
{
    private const string KeptMessageKey = "ContactMessage";

    private static readonly Dictionary<string, string> ContactFields = new() { ["message"] = nameof(Message) };

    private static readonly Dictionary<string, string> ReportFields = new() { ["reason"] = nameof(Reason) };

    public ListingResponse Listing { get; private set; } = null!;

    /// <summary>The seller's name and joining date; null when the Api could not say (the page then says "the seller").</summary>
    public ListingSellerResponse? Seller { get; private set; }

    /// <summary>Whether the signed-in visitor keeps this listing in their saved listings.</summary>
    public bool Saved { get; private set; }

    /// <summary>The listing's category from the root down to it; empty when it cannot be named.</summary>
    public IReadOnlyList<CategoryPathItem> CategoryPath { get; private set; } = [];

    [BindProperty]
    public string? Message { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public bool IsSeller => Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var me) && me == Listing.SellerId;

    public bool IsRemoved => Listing.RemovedAt is not null;

    /// <summary>Buyers may write to the seller while the listing is for sale.</summary>
    public bool TakesMessages => !IsSeller && Listing.Status == ListingStatus.Active && !IsRemoved;

    /// <summary>Buyers may report what is shown to them: for sale or sold.</summary>
    public bool TakesReports => !IsSeller && Listing.Status is ListingStatus.Active or ListingStatus.Sold && !IsRemoved;

    /// <summary>A message typed while signed out (the session ended in another window), kept through signing in.</summary>
    public bool HoldsMessage => !string.IsNullOrWhiteSpace(Message);

    public string SignInUrl => "/account/sign-in?returnUrl=" + Uri.EscapeDataString($"/listings/{Listing.Id}");

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!StaleFormFilter.IsShownAgain(HttpContext) && TempData[KeptMessageKey] is string kept)
        {
            Message = kept;
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostContactAsync(long id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Message))
        {
            ModelState.AddModelError(nameof(Message), "Write your message to the seller.");
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        var sent = await api.StartConversationAsync(id, Message, cancellationToken);
        if (sent.Succeeded)
        {
            TempData["Notice"] = "Your message is sent. The seller's answers come here, and we email you when one does.";
            return Redirect(FormattableString.Invariant($"/messages/{sent.Value.ConversationId}"));
        }

        return await AfterAsync(id, new ApiAnswer<ApiNoContent>(sent.Problem), "", ContactFields, FormPurpose.Contact, cancellationToken);
    }

    /// <summary>Signed out with a message typed: keep it, sign in, and come back to it.</summary>
    public IActionResult OnPostKeepMessage(long id)
    {
        TempData[KeptMessageKey] = Message;
        return Redirect("/account/sign-in?returnUrl=" + Uri.EscapeDataString($"/listings/{id}#contact-heading"));
    }

    public async Task<IActionResult> OnPostReportAsync(long id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Reason))
        {
            ModelState.AddModelError(nameof(Reason), "Say in a few words what is wrong with this listing.");
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        return await AfterAsync(id, await api.ReportListingAsync(id, Reason, cancellationToken),
            "Thank you. Our moderators will look at this listing.", ReportFields, FormPurpose.Report, cancellationToken);
    }

    public async Task<IActionResult> OnPostRelistAsync(long id, CancellationToken cancellationToken)
    {
        var answer = await api.RelistListingAsync(id, cancellationToken);
        return answer.Succeeded
            ? await AfterAsync(id, new ApiAnswer<ApiNoContent>(ApiNoContent.Value), "Your listing is for sale again.", [], FormPurpose.ChangeListing, cancellationToken)
            : await AfterAsync(id, new ApiAnswer<ApiNoContent>(answer.Problem), "", [], FormPurpose.ChangeListing, cancellationToken);
    }

    public async Task<IActionResult> OnPostPublishAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || !IsSeller)
        {
            return NotFound();
        }

        var answer = await api.UpdateListingAsync(id, ListingInput.From(Listing).ToRequest(ListingStatus.Active), cancellationToken);
        return await AfterAsync(id, answer.Succeeded ? new ApiAnswer<ApiNoContent>(ApiNoContent.Value) : new ApiAnswer<ApiNoContent>(answer.Problem),
            "Your listing is published.", [], FormPurpose.ChangeListing, cancellationToken);
    }

    // Post-redirect-get with a notice; a refusal is shown on the page, next to the field it is about, what was typed kept.
    private async Task<IActionResult> AfterAsync(
        long id, ApiAnswer<ApiNoContent> answer, string notice, Dictionary<string, string> fields, FormPurpose purpose, CancellationToken cancellationToken)
    {
        if (answer.Succeeded)
        {
            TempData["Notice"] = notice;
            return Redirect($"/listings/{id}");
        }

        ModelState.AddProblem(answer.Problem, fields, purpose);
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
        Seller = Listing.Seller ?? await SellerFromProfileAsync(cancellationToken);
        CategoryPath = Listing.CategorySlug is { } slug ? await api.GetCategoryPathAsync(slug, cancellationToken) : [];
        Saved = !IsSeller && (await SavedListingIds.AmongAsync(api, User, [Listing.Id], cancellationToken)).Contains(Listing.Id);
        return true;
    }

    /// <summary>
    /// The seller from their profile: only while an Api that predates <see cref="ListingResponse.Seller"/> still serves
    /// (a rolling deploy mixes versions for a while); one call more per page.
    /// </summary>
    private async Task<ListingSellerResponse?> SellerFromProfileAsync(CancellationToken cancellationToken)
    {
        var profile = await api.GetSellerAsync(Listing.SellerId, cancellationToken);
        return profile.Succeeded ? new ListingSellerResponse(profile.Value.DisplayName, profile.Value.MemberSince) : null;
    }
}
