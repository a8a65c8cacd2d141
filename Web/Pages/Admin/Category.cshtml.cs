using Marketplace.Contracts.Admin;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Admin;

/// <summary>
/// <c>/admin/categories/{id}</c>: one category: rename and describe it (its address stays), or move it with everything
/// under it to another parent or to the top level.
/// </summary>
public sealed class CategoryModel(MarketplaceApiClient api) : AdminPageModel
{
    public CategoryTree Tree { get; private set; } = new([]);

    public AdminCategoryResponse Category { get; private set; } = null!;

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public int? ParentId { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (HttpMethods.IsGet(Request.Method))
        {
            (Name, Description, ParentId) = (Category.Name, Category.Description, Category.ParentId);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostDetailsAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ParentId = Category.ParentId;
        CategoryChecks.Name(ModelState, nameof(Name), Name);
        CategoryChecks.Description(ModelState, nameof(Description), Description);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var answer = await api.AdminUpdateCategoryAsync(id, new UpdateCategoryRequest { Name = Name!.Trim(), Description = Description?.Trim() ?? "" }, cancellationToken);
        if (answer.Succeeded)
        {
            return Done($"“{answer.Value.Name}” is saved.", $"/admin/categories/{id}");
        }

        if (answer.Problem.Status == StatusCodes.Status403Forbidden)
        {
            return NotFound();
        }

        ModelState.AddProblem(answer.Problem, new Dictionary<string, string> { ["name"] = nameof(Name), ["description"] = nameof(Description) }, FormPurpose.AdminCategory);
        return Page();
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        (Name, Description) = (Category.Name, Category.Description);
        if (ParentId == Category.ParentId)
        {
            ModelState.AddModelError(nameof(ParentId), "It is there already. Choose another parent to move it.");
        }
        else if (ParentId is { } parent && !Tree.DepthFirst(except: id).Any(c => c.Category.Id == parent))
        {
            ModelState.AddModelError(nameof(ParentId), "Choose a parent category from the list.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var answer = await api.AdminMoveCategoryAsync(id, ParentId, cancellationToken);
        if (answer.Succeeded)
        {
            var where = ParentId is { } p ? $"under {Tree.Find(p)!.Name}" : "at the top level";
            return Done($"“{Category.Name}” is {where} now, with everything under it.", $"/admin/categories/{id}");
        }

        if (answer.Problem.Status == StatusCodes.Status403Forbidden)
        {
            return NotFound();
        }

        if (answer.Problem.Status is StatusCodes.Status404NotFound or StatusCodes.Status409Conflict)
        {
            ModelState.AddModelError(nameof(ParentId), PersonMessages.ForProblem(answer.Problem, FormPurpose.AdminMoveCategory));
        }
        else
        {
            ModelState.AddProblem(answer.Problem, new Dictionary<string, string> { ["parentId"] = nameof(ParentId) }, FormPurpose.AdminMoveCategory);
        }

        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var answer = await api.AdminCategoriesAsync(cancellationToken);
        if (!answer.Succeeded && IsNotFound(answer.Problem))
        {
            return false;
        }

        Tree = new CategoryTree(Required(answer));
        if (Tree.Find(id) is not { } category)
        {
            return false;
        }

        Category = category;
        return true;
    }
}
