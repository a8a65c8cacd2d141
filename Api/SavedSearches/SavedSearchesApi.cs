using System.Globalization;
using System.Linq.Expressions;
using System.Security.Claims;
using Marketplace.Api.Auth;
using Marketplace.Api.Categories;
using Marketplace.Api.Infrastructure;
using Marketplace.Api.Jobs;
using Marketplace.Contracts.SavedSearches;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using AlertFrequency = Marketplace.Contracts.SavedSearches.AlertFrequency;
using ListingStatus = Marketplace.Data.Entities.ListingStatus;

namespace Marketplace.Api.SavedSearches;

/// <summary>
/// <c>/api/me/saved-searches</c>: searches the caller keeps, each with the search's own filters, a count of the listings
/// it found since the caller last opened it, and alerts (off, immediate, a daily digest) that the alert job mails.
/// </summary>
public static class SavedSearchesApi
{
    public static IHostApplicationBuilder AddSavedSearches(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SavedSearchOptions>()
            .BindConfiguration(SavedSearchOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<SavedSearchMatcher>();
        builder.Services.AddSingleton<AlertMailer>();
        builder.Services.AddPeriodicJob<SearchAlertJob>(SearchAlertJob.JobName, services => new PeriodicJobSchedule(
            services.GetRequiredService<IOptions<SavedSearchOptions>>().Value.AlertInterval, AdvisoryLockKeys.SearchAlerts));
        return builder;
    }

    public static IEndpointRouteBuilder MapSavedSearchesApi(this IEndpointRouteBuilder app)
    {
        var searches = app.MapGroup("/api/me/saved-searches")
            .WithTags("Saved searches")
            .RequireAuthorization()
            .ProducesEdgeProblems()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        searches.MapGet("/", ListAsync)
            .WithName("GetSavedSearches")
            .WithSummary("List my saved searches")
            .WithDescription("Every search the caller saved, latest first, each with newMatches: listings published since the caller last opened it that it finds.");

        var writes = searches.MapGroup("")
            .RequireRateLimiting(RequestLimits.WritePolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        writes.MapPost("/", SaveAsync)
            .WithName("SaveSearch")
            .WithSummary("Save a search")
            .WithDescription(
                "Keeps a search (q, categorySlug with its subcategories, minPrice, maxPrice, condition: as GET /api/listings reads them) with its " +
                $"alerts: Off (the default), Immediate or Daily. An account keeps at most {SavedSearchRules.MaxPerAccount} (409).")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        writes.MapPatch("/{id:long}", UpdateAsync)
            .WithName("UpdateSavedSearch")
            .WithSummary("Change a saved search's alerts")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        writes.MapDelete("/{id:long}", DeleteAsync)
            .WithName("DeleteSavedSearch")
            .WithSummary("Delete a saved search")
            .WithDescription("Deletes it, with what it found; an alert about it not yet sent is not sent.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        writes.MapPost("/{id:long}/visit", VisitAsync)
            .WithName("VisitSavedSearch")
            .WithSummary("Open a saved search")
            .WithDescription("The caller is looking at its results now: its newMatches count starts again from here. Answers the saved search, whose filters make the search.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Ok<SavedSearchList>> ListAsync(ClaimsPrincipal caller, MarketplaceDbContext db, CategoryCatalog catalog, CancellationToken cancellationToken)
    {
        var me = AccessTokens.UserIdOf(caller);
        var rows = await db.SavedSearches.AsNoTracking().Where(s => s.UserId == me)
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Take(SavedSearchRules.MaxPerAccount)
            .Select(WithNewMatches(db))
            .ToListAsync(cancellationToken);
        var tree = await catalog.GetAsync(cancellationToken);
        return TypedResults.Ok(new SavedSearchList(rows.Select(r => ToResponse(r, tree)).ToList()));
    }

    public static async Task<Results<Created<SavedSearchResponse>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        SavedSearchRequest request, ClaimsPrincipal caller, MarketplaceDbContext db, CategoryCatalog catalog, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.MinPrice > request.MaxPrice)
        {
            errors["maxPrice"] = ["maxPrice must not be less than minPrice."];
        }

        if (request.Condition is { } condition && !Enum.IsDefined(condition))
        {
            errors["condition"] = [$"'{(int)condition}' is not a condition."];
        }

        if (request.Alerts is { } alerts && !Enum.IsDefined(alerts))
        {
            errors["alerts"] = [$"'{(int)alerts}' is not an alert frequency."];
        }

        int? categoryId = null;
        if (!string.IsNullOrEmpty(request.CategorySlug))
        {
            var (_, category) = await catalog.FindAsync(request.CategorySlug, cancellationToken);
            if (category is null)
            {
                errors["categorySlug"] = [$"There is no active category '{request.CategorySlug}'."];
            }

            categoryId = category?.Id;
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var me = AccessTokens.UserIdOf(caller);
        if (await db.SavedSearches.CountAsync(s => s.UserId == me, cancellationToken) >= SavedSearchRules.MaxPerAccount)
        {
            return TypedResults.Problem(
                title: "Too many saved searches.",
                detail: $"An account keeps at most {SavedSearchRules.MaxPerAccount} saved searches; delete one first.",
                statusCode: StatusCodes.Status409Conflict);
        }

        var now = timeProvider.GetUtcNow();
        var search = new SavedSearch
        {
            UserId = me,
            Query = string.IsNullOrWhiteSpace(request.Q) ? null : request.Q.Trim(),
            CategoryId = categoryId,
            MinPrice = request.MinPrice,
            MaxPrice = request.MaxPrice,
            Condition = request.Condition?.ToStored(),
            Alerts = (request.Alerts ?? AlertFrequency.Off).ToStored(),
            CreatedAt = now,
            LastVisitedAt = now,
        };
        db.SavedSearches.Add(search);
        await db.SaveChangesAsync(cancellationToken);
        var tree = await catalog.GetAsync(cancellationToken);
        return TypedResults.Created(
            $"/api/me/saved-searches/{search.Id.ToString(CultureInfo.InvariantCulture)}", ToResponse(new SavedSearchRow(search, 0), tree));
    }

    public static async Task<Results<Ok<SavedSearchResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, UpdateSavedSearchRequest request, ClaimsPrincipal caller, MarketplaceDbContext db, CategoryCatalog catalog, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(request.Alerts!.Value))
        {
            return ApiErrors.Field("alerts", $"'{(int)request.Alerts.Value}' is not an alert frequency.");
        }

        var me = AccessTokens.UserIdOf(caller);
        var alerts = request.Alerts.Value.ToStored();
        if (await db.SavedSearches.Where(s => s.Id == id && s.UserId == me).ExecuteUpdateAsync(set => set.SetProperty(s => s.Alerts, alerts), cancellationToken) == 0)
        {
            return NotFound(id);
        }

        // Deleted between the two statements (its owner's other tab): it is gone, as a 404 says.
        return await ReadAsync(db, catalog, id, cancellationToken) is { } search ? TypedResults.Ok(search) : NotFound(id);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, ClaimsPrincipal caller, MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        var me = AccessTokens.UserIdOf(caller);
        return await db.SavedSearches.Where(s => s.Id == id && s.UserId == me).ExecuteDeleteAsync(cancellationToken) == 0
            ? NotFound(id)
            : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<SavedSearchResponse>, ProblemHttpResult>> VisitAsync(
        long id, ClaimsPrincipal caller, MarketplaceDbContext db, CategoryCatalog catalog, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var me = AccessTokens.UserIdOf(caller);
        var now = timeProvider.GetUtcNow();
        if (await db.SavedSearches.Where(s => s.Id == id && s.UserId == me).ExecuteUpdateAsync(set => set.SetProperty(s => s.LastVisitedAt, now), cancellationToken) == 0)
        {
            return NotFound(id);
        }

        // Deleted between the two statements (its owner's other tab): it is gone, as a 404 says.
        return await ReadAsync(db, catalog, id, cancellationToken) is { } search ? TypedResults.Ok(search) : NotFound(id);
    }

    private static async Task<SavedSearchResponse?> ReadAsync(MarketplaceDbContext db, CategoryCatalog catalog, long id, CancellationToken cancellationToken)
    {
        var row = await db.SavedSearches.AsNoTracking().Where(s => s.Id == id).Select(WithNewMatches(db)).SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : ToResponse(row, await catalog.GetAsync(cancellationToken));
    }

    /// <summary>A saved search and the listings it found since its owner last opened it that buyers can still see (its matches' own index).</summary>
    private static Expression<Func<SavedSearch, SavedSearchRow>> WithNewMatches(MarketplaceDbContext db) => s => new SavedSearchRow(
        s,
        db.SavedSearchMatches.Count(m => m.SavedSearchId == s.Id && m.MatchedAt > s.LastVisitedAt
            && m.Listing!.Status == ListingStatus.Active && m.Listing.RemovedAt == null));

    private static SavedSearchResponse ToResponse(SavedSearchRow row, CategoryTree tree)
    {
        var s = row.Search;
        return new SavedSearchResponse(
            s.Id, s.Query, tree.SlugOf(s.CategoryId), s.MinPrice, s.MaxPrice, s.Condition?.ToContract(), s.Alerts.ToContract(), row.NewMatches, s.CreatedAt, s.LastVisitedAt);
    }

    private static ProblemHttpResult NotFound(long id) => ApiErrors.NotFound($"There is no saved search {id}.");
}
