using Marketplace.Api.Infrastructure;
using Marketplace.Contracts.Categories;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Api.Categories;

public static class CategoriesApi
{
    public static IEndpointRouteBuilder MapCategoriesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/categories").WithTags("Categories").ProducesEdgeProblems();

        api.MapGet("/", GetTreeAsync)
            .WithName("GetCategoryTree")
            .WithSummary("The active category tree")
            .WithDescription("The root categories in display order, each with its active subcategories. Served from a short in-memory cache.");

        api.MapGet("/{slug}", GetBySlugAsync)
            .WithName("GetCategory")
            .WithSummary("One category with its path from the root")
            .WithDescription("An active category by slug, with its subcategories and the path of categories from the root down to it.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    public static async Task<Ok<IReadOnlyList<CategoryResponse>>> GetTreeAsync(CategoryCatalog catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok((await catalog.GetAsync(cancellationToken)).Roots);

    public static async Task<Results<Ok<CategoryDetailResponse>, ProblemHttpResult>> GetBySlugAsync(
        string slug,
        CategoryCatalog catalog,
        CancellationToken cancellationToken)
    {
        var (tree, category) = await catalog.FindAsync(slug, cancellationToken);
        if (category is null)
        {
            return ApiErrors.NotFound($"There is no active category '{slug}'.");
        }

        return TypedResults.Ok(new CategoryDetailResponse(
            category.Id, category.Name, category.Slug, category.Description, category.ParentId, category.SortOrder,
            category.Children, tree.PathTo(category)));
    }
}
