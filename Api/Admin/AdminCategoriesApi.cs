using System.Security.Claims;
using System.Text.Json.Nodes;
using Marketplace.Api.Categories;
using Marketplace.Api.Infrastructure;
using Marketplace.Contracts.Admin;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using AdminAction = Marketplace.Data.Entities.AdminAction;
using AuditTargetType = Marketplace.Data.Entities.AuditTargetType;

namespace Marketplace.Api.Admin;

/// <summary>Category administration. Every change drops the category cache of every replica at once.</summary>
public static class AdminCategoriesApi
{
    /// <summary>Category moves take this transaction-scoped advisory lock, so two moves cannot together make a cycle.</summary>
    private const long TreeLock = AdvisoryLockKeys.CategoryTree;

    public static RouteGroupBuilder MapAdminCategories(this RouteGroupBuilder writes)
    {
        var categories = writes.MapGroup("/categories");

        categories.MapPost("/", CreateAsync)
            .WithName("AdminCreateCategory")
            .WithSummary("Create a category")
            .WithDescription("A new active category, a root or under parentId. A taken slug answers 409; an unknown parent 404.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        categories.MapPatch("/{id:int}", UpdateAsync)
            .WithName("AdminUpdateCategory")
            .WithSummary("Rename or describe a category")
            .WithDescription("Changes the name, the description, or both. The slug never changes.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        categories.MapPost("/{id:int}/move", MoveAsync)
            .WithName("AdminMoveCategory")
            .WithSummary("Move a category")
            .WithDescription("Moves the category and its subtree under parentId (null: to the roots). Never under itself or its own subtree: 409.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        categories.MapPost("/{id:int}/reorder", ReorderAsync)
            .WithName("AdminReorderCategory")
            .WithSummary("Reorder a category among its siblings")
            .WithDescription("Sets its sortOrder: siblings are listed by sortOrder, then by name.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        categories.MapPost("/{id:int}/deactivate", DeactivateAsync)
            .WithName("AdminDeactivateCategory")
            .WithSummary("Deactivate a category")
            .WithDescription("Hides the category and its subtree from the tree, searches and new listings; its listings keep it. 409 if already inactive.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        categories.MapPost("/{id:int}/reactivate", ReactivateAsync)
            .WithName("AdminReactivateCategory")
            .WithSummary("Reactivate a category")
            .WithDescription("Shows a deactivated category again. 409 if it is active.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return writes;
    }

    public static async Task<Results<Created<AdminCategoryResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateCategoryRequest request, ClaimsPrincipal admin, MarketplaceDbContext db, CategoryCatalog catalog, CancellationToken cancellationToken)
    {
        try
        {
            var (category, problem) = await AdminAudit.RecordAsync<(Category?, ProblemHttpResult?)>(db, admin, async ct =>
            {
                if (request.ParentId is { } parentId && !await db.Categories.AnyAsync(c => c.Id == parentId, ct))
                {
                    return ((null, ApiErrors.NotFound($"There is no category {parentId} (parentId).")), null);
                }

                var created = new Category
                {
                    Name = request.Name.Trim(),
                    Slug = request.Slug,
                    Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
                    ParentId = request.ParentId,
                    SortOrder = request.SortOrder ?? 0,
                };
                db.Categories.Add(created);
                return ((created, null), () => AuditEntry.Of(
                    AdminAction.CategoryCreated, AuditTargetType.Category, created.Id, before: null, after: State(created)));
            }, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            catalog.Invalidate();
            return TypedResults.Created($"/api/categories/{category!.Slug}", ToResponse(category));
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            return TypedResults.Problem(
                title: "Slug taken.",
                detail: $"Another category already has the slug '{request.Slug}' (slug).",
                statusCode: StatusCodes.Status409Conflict);
        }
    }

    public static Task<Results<Ok<AdminCategoryResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        int id, UpdateCategoryRequest request, ClaimsPrincipal admin, MarketplaceDbContext db, CategoryCatalog catalog, CancellationToken cancellationToken) =>
        ChangeAsync(id, admin, db, catalog, category =>
        {
            var name = request.Name?.Trim() ?? category.Name;
            var description = request.Description is null ? category.Description
                : string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
            if (name == category.Name && description == category.Description)
            {
                return Unchanged(id, "already has this name and description");
            }

            var before = new JsonObject { ["name"] = category.Name, ["description"] = category.Description };
            category.Name = name;
            category.Description = description;
            return Changed(AdminAction.CategoryUpdated, category, before, new JsonObject { ["name"] = name, ["description"] = description });
        }, cancellationToken);

    public static async Task<Results<Ok<AdminCategoryResponse>, ValidationProblem, ProblemHttpResult>> MoveAsync(
        int id, MoveCategoryRequest request, ClaimsPrincipal admin, MarketplaceDbContext db, CategoryCatalog catalog, CancellationToken cancellationToken)
    {
        var (category, problem) = await AdminAudit.RecordAsync<(Category?, ProblemHttpResult?)>(db, admin, async ct =>
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({TreeLock})", ct);
            var parents = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.ParentId, ct);
            if (!parents.ContainsKey(id))
            {
                return ((null, CategoryNotFound(id)), null);
            }

            if (request.ParentId is { } parentId)
            {
                if (!parents.ContainsKey(parentId))
                {
                    return ((null, ApiErrors.NotFound($"There is no category {parentId} (parentId).")), null);
                }

                // Walk up from the new parent: meeting the category itself means the parent is in its own subtree.
                for (int? current = parentId, steps = 0; current is { } at && steps <= parents.Count; current = parents[at], steps++)
                {
                    if (at == id)
                    {
                        return ((null, TypedResults.Problem(
                            title: "Move into its own subtree.",
                            detail: $"Category {id} cannot be moved under {parentId} (parentId): that is the category itself or one of its subcategories.",
                            statusCode: StatusCodes.Status409Conflict)), null);
                    }
                }
            }

            var moved = await db.Categories.SingleAsync(c => c.Id == id, ct);
            if (moved.ParentId == request.ParentId)
            {
                return ((null, Conflict(id, request.ParentId is { } under ? $"is already under category {under}" : "is already a root")), null);
            }

            var before = new JsonObject { ["parentId"] = moved.ParentId };
            moved.ParentId = request.ParentId;
            return ((moved, null), () => AuditEntry.Of(
                AdminAction.CategoryMoved, AuditTargetType.Category, moved.Id, before, new JsonObject { ["parentId"] = moved.ParentId }));
        }, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        catalog.Invalidate();
        return TypedResults.Ok(ToResponse(category!));
    }

    public static Task<Results<Ok<AdminCategoryResponse>, ValidationProblem, ProblemHttpResult>> ReorderAsync(
        int id, ReorderCategoryRequest request, ClaimsPrincipal admin, MarketplaceDbContext db, CategoryCatalog catalog, CancellationToken cancellationToken) =>
        ChangeAsync(id, admin, db, catalog, category =>
        {
            if (category.SortOrder == request.SortOrder)
            {
                return Unchanged(id, $"already has sortOrder {request.SortOrder}");
            }

            var before = new JsonObject { ["sortOrder"] = category.SortOrder };
            category.SortOrder = request.SortOrder!.Value;
            return Changed(AdminAction.CategoryReordered, category, before, new JsonObject { ["sortOrder"] = category.SortOrder });
        }, cancellationToken);

    public static Task<Results<Ok<AdminCategoryResponse>, ValidationProblem, ProblemHttpResult>> DeactivateAsync(
        int id, OptionalReasonRequest? request, ClaimsPrincipal admin, MarketplaceDbContext db, CategoryCatalog catalog, CancellationToken cancellationToken) =>
        SetActiveAsync(id, active: false, request?.Reason, admin, db, catalog, cancellationToken);

    public static Task<Results<Ok<AdminCategoryResponse>, ValidationProblem, ProblemHttpResult>> ReactivateAsync(
        int id, OptionalReasonRequest? request, ClaimsPrincipal admin, MarketplaceDbContext db, CategoryCatalog catalog, CancellationToken cancellationToken) =>
        SetActiveAsync(id, active: true, request?.Reason, admin, db, catalog, cancellationToken);

    private static Task<Results<Ok<AdminCategoryResponse>, ValidationProblem, ProblemHttpResult>> SetActiveAsync(
        int id, bool active, string? reason, ClaimsPrincipal admin, MarketplaceDbContext db, CategoryCatalog catalog, CancellationToken cancellationToken) =>
        ChangeAsync(id, admin, db, catalog, category =>
        {
            if (category.IsActive == active)
            {
                return Unchanged(id, active ? "is already active" : "is already inactive");
            }

            category.IsActive = active;
            return Changed(
                active ? AdminAction.CategoryReactivated : AdminAction.CategoryDeactivated,
                category,
                new JsonObject { ["isActive"] = !active },
                new JsonObject { ["isActive"] = active },
                string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
        }, cancellationToken);

    /// <summary>Loads the category, applies <paramref name="change"/> and records it, answering the category as it is now.</summary>
    private static async Task<Results<Ok<AdminCategoryResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        int id,
        ClaimsPrincipal admin,
        MarketplaceDbContext db,
        CategoryCatalog catalog,
        Func<Category, (ProblemHttpResult? Problem, Func<AuditEntry>? Entry)> change,
        CancellationToken cancellationToken)
    {
        var (category, problem) = await AdminAudit.RecordAsync<(Category?, ProblemHttpResult?)>(db, admin, async ct =>
        {
            var category = await db.Categories
                .FromSql($"""SELECT * FROM "Category" WHERE "Id" = {id} FOR UPDATE""")
                .SingleOrDefaultAsync(ct);
            if (category is null)
            {
                return ((null, CategoryNotFound(id)), null);
            }

            var (problem, entry) = change(category);
            return ((category, problem), entry);
        }, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        catalog.Invalidate();
        return TypedResults.Ok(ToResponse(category!));
    }

    private static AdminCategoryResponse ToResponse(Category c) => new(c.Id, c.Name, c.Slug, c.Description, c.ParentId, c.SortOrder, c.IsActive);

    private static (ProblemHttpResult?, Func<AuditEntry>?) Changed(
        AdminAction action, Category category, JsonObject before, JsonObject after, string? reason = null) =>
        (null, () => AuditEntry.Of(action, AuditTargetType.Category, category.Id, before, after, reason));

    private static (ProblemHttpResult?, Func<AuditEntry>?) Unchanged(int id, string what) => (Conflict(id, what), null);

    private static ProblemHttpResult Conflict(int id, string what) => TypedResults.Problem(
        title: "Nothing to change.",
        detail: $"Category {id} {what}.",
        statusCode: StatusCodes.Status409Conflict);

    private static JsonObject State(Category c) => new()
    {
        ["name"] = c.Name,
        ["slug"] = c.Slug,
        ["description"] = c.Description,
        ["parentId"] = c.ParentId,
        ["sortOrder"] = c.SortOrder,
        ["isActive"] = c.IsActive,
    };

    private static ProblemHttpResult CategoryNotFound(int id) => ApiErrors.NotFound($"There is no category {id}.");
}
