using System.Globalization;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Admin;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Marketplace.Web.Pages.Admin;

/// <summary>
/// <c>/admin/listings</c>: find a listing in any state, removed ones too: by its number (straight to its page), by
/// words in its title or description, by its seller's email address (or id, from an account's page), newest first.
/// </summary>
public sealed class ListingsModel(MarketplaceApiClient api) : AdminPageModel
{
    [BindProperty(SupportsGet = true, Name = "number")]
    public string? Number { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Words { get; set; }

    [BindProperty(SupportsGet = true, Name = "seller")]
    public string? Seller { get; set; }

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    public AdminListingPage? Found { get; private set; }

    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    public bool Searched => !string.IsNullOrWhiteSpace(Words) || !string.IsNullOrWhiteSpace(Seller);

    public string Here(string? cursor) => QueryHelpers.AddQueryString("/admin/listings", new Dictionary<string, string?>
    {
        ["q"] = Words?.Trim(),
        ["seller"] = Seller?.Trim(),
        ["cursor"] = cursor,
    }.Where(p => !string.IsNullOrEmpty(p.Value)));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(Number))
        {
            if (long.TryParse(Number.Trim().TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                var listing = await api.AdminGetListingAsync(id, cancellationToken);
                if (listing.Succeeded)
                {
                    return Redirect($"/admin/listings/{id}");
                }

                if (listing.Problem.Status == StatusCodes.Status403Forbidden)
                {
                    return NotFound();
                }

                ModelState.AddModelError("number", "There is no listing with this number.");
            }
            else
            {
                ModelState.AddModelError("number", "Enter a listing's number: digits only, as in its address (/listings/123).");
            }

            return Page();
        }

        if (!Searched)
        {
            return Page();
        }

        if (Words?.Trim().Length > 200)
        {
            ModelState.AddModelError("q", PersonMessages.ForField("q"));
        }

        var seller = Seller?.Trim();
        Guid? sellerId = Guid.TryParse(seller, out var parsed) ? parsed : null;
        if (!string.IsNullOrEmpty(seller) && sellerId is null && (seller.Length > AccountRules.EmailMaxLength || !seller.Contains('@', StringComparison.Ordinal)))
        {
            ModelState.AddModelError("seller", "Enter the seller's whole email address, e.g. name@example.com.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var answer = await api.AdminSearchListingsAsync(Words?.Trim(), sellerId is null ? seller : null, sellerId, Cursor, cancellationToken);
        if (!answer.Succeeded)
        {
            if (IsNotFound(answer.Problem))
            {
                return NotFound();
            }

            ModelState.AddProblem(answer.Problem, new Dictionary<string, string>
            {
                ["q"] = "q",
                ["sellerEmail"] = "seller",
                ["sellerId"] = "seller",
                ["cursor"] = ProblemModelState.FormKey,
            }, FormPurpose.Search);
            return Page();
        }

        Found = answer.Value;
        Categories = await CategoryOption.LoadAsync(api, cancellationToken);
        return Page();
    }
}
