using Marketplace.Contracts.Admin;
using Marketplace.Contracts.Categories;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Admin;

/// <summary>
/// <c>/admin/categories</c>: the whole tree, inactive categories too, with each category's order among its siblings
/// (Move up, Move down), deactivating and reactivating, and a form to create one under any parent. A change shows at
/// once in the Sell form and the search filters (the Api drops its cached tree). Renaming, describing and moving are on
/// each category's own page.
/// </summary>
public sealed class CategoriesModel(MarketplaceApiClient api) : AdminPageModel
{
    public CategoryTree Tree { get; private set; } = new([]);

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Slug { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public int? ParentId { get; set; }

    [BindProperty]
    public int CategoryId { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        CategoryChecks.Name(ModelState, nameof(Name), Name);
        CategoryChecks.Slug(ModelState, nameof(Slug), Slug);
        CategoryChecks.Description(ModelState, nameof(Description), Description);
        if (ParentId is { } parent && Tree.Find(parent) is null)
        {
            ModelState.AddModelError(nameof(ParentId), "Choose a parent category from the list.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var answer = await api.AdminCreateCategoryAsync(new CreateCategoryRequest
        {
            Name = Name!.Trim(),
            Slug = Slug!.Trim(),
            Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
            ParentId = ParentId,
        }, cancellationToken);
        if (answer.Succeeded)
        {
            var under = ParentId is { } p ? $" under {Tree.Find(p)!.Name}" : " as a top-level category";
            return Done($"“{answer.Value.Name}” is created{under}. Sellers can choose it now.", "/admin/categories#category-" + answer.Value.Id);
        }

        if (answer.Problem.Status == StatusCodes.Status403Forbidden)
        {
            return NotFound();
        }

        switch (answer.Problem.Status)
        {
            case StatusCodes.Status409Conflict:
                ModelState.AddModelError(nameof(Slug), "Another category has this address already. Choose another one.");
                break;
            case StatusCodes.Status404NotFound:
                ModelState.AddModelError(nameof(ParentId), PersonMessages.ForProblem(answer.Problem, FormPurpose.AdminMoveCategory));
                break;
            default:
                ModelState.AddProblem(answer.Problem, new Dictionary<string, string>
                {
                    ["name"] = nameof(Name), ["slug"] = nameof(Slug), ["description"] = nameof(Description), ["parentId"] = nameof(ParentId),
                }, FormPurpose.AdminCategory);
                break;
        }

        return Page();
    }

    public Task<IActionResult> OnPostUpAsync(CancellationToken cancellationToken) =>
        ChangeAsync(id => api.AdminReorderCategoryAsync(id, CategoryDirection.Up, cancellationToken), c => $"“{c.Name}” moved up.", cancellationToken);

    public Task<IActionResult> OnPostDownAsync(CancellationToken cancellationToken) =>
        ChangeAsync(id => api.AdminReorderCategoryAsync(id, CategoryDirection.Down, cancellationToken), c => $"“{c.Name}” moved down.", cancellationToken);

    public Task<IActionResult> OnPostDeactivateAsync(CancellationToken cancellationToken) =>
        ChangeAsync(id => api.AdminSetCategoryActiveAsync(id, false, cancellationToken),
            c => $"“{c.Name}” is inactive: sellers can no longer choose it, and it and its subcategories leave the search filters.", cancellationToken);

    public Task<IActionResult> OnPostReactivateAsync(CancellationToken cancellationToken) =>
        ChangeAsync(id => api.AdminSetCategoryActiveAsync(id, true, cancellationToken), c => $"“{c.Name}” is active again.", cancellationToken);

    private async Task<IActionResult> ChangeAsync(
        Func<int, Task<ApiAnswer<AdminCategoryResponse>>> change, Func<AdminCategoryResponse, string> notice, CancellationToken cancellationToken)
    {
        // The tree is not loaded first: the change is one click, and a refusal reloads it to show the tree as it is now.
        ModelState.Clear();
        var answer = await change(CategoryId);
        if (answer.Succeeded)
        {
            return Done(notice(answer.Value), "/admin/categories#category-" + answer.Value.Id);
        }

        if (answer.Problem.Status == StatusCodes.Status403Forbidden)
        {
            return NotFound();
        }

        ModelState.AddProblem(answer.Problem, new Dictionary<string, string>(), FormPurpose.AdminCategory);
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var answer = await api.AdminCategoriesAsync(cancellationToken);
        if (!answer.Succeeded && IsNotFound(answer.Problem))
        {
            return false;
        }

        Tree = new CategoryTree(Required(answer));
        return true;
    }
}
