using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Marketplace.Api.Categories;
using Marketplace.Api.Infrastructure;
using Marketplace.Contracts.SavedSearches;
using Marketplace.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using DbAlertFrequency = Marketplace.Data.Entities.AlertFrequency;

namespace Marketplace.Api.SavedSearches;

/// <summary>
/// <c>/api/alerts/unsubscribe</c>: the link in every alert mail, for whoever holds it, without signing in. Reading it
/// changes nothing (mail scanners follow links); posting it stops that one saved search's alerts and nothing else. Its
/// token is the HMAC of the saved search's id (<see cref="UnsubscribeKey"/>): it neither names nor signs in an account.
/// </summary>
public static class AlertUnsubscribeApi
{
    public static IEndpointRouteBuilder MapAlertUnsubscribeApi(this IEndpointRouteBuilder app)
    {
        var unsubscribe = app.MapGroup("/api/alerts/unsubscribe")
            .WithTags("Saved searches")
            .AllowAnonymous()
            .ProducesEdgeProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        unsubscribe.MapGet("/", DescribeAsync)
            .WithName("GetAlertSubscription")
            .WithSummary("What an unsubscribe link stops")
            .WithDescription("The saved search the link is for (its filters and alerts, nothing of its owner). A wrong token or a search deleted since: 404. Changes nothing.");

        unsubscribe.MapPost("/", UnsubscribeAsync)
            .WithName("UnsubscribeAlerts")
            .WithSummary("Stop a saved search's alerts")
            .WithDescription("Turns the saved search's alerts off (204; already off: 204 too). A wrong token or a search deleted since: 404.")
            .RequireRateLimiting(RequestLimits.AnonymousPolicy)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    public static async Task<Results<Ok<AlertSubscriptionResponse>, ProblemHttpResult>> DescribeAsync(
        [Description("The saved search, from the link.")] long search,
        [Description("The link's token.")][StringLength(100)] string token,
        MarketplaceDbContext db,
        UnsubscribeKey key,
        CategoryCatalog catalog,
        CancellationToken cancellationToken)
    {
        if (!key.Verifies(search, token))
        {
            return NotFound();
        }

        var saved = await db.SavedSearches.AsNoTracking().Where(s => s.Id == search).SingleOrDefaultAsync(cancellationToken);
        if (saved is null)
        {
            return NotFound();
        }

        var tree = await catalog.GetAsync(cancellationToken);
        return TypedResults.Ok(new AlertSubscriptionResponse(
            saved.Id, saved.Query, tree.SlugOf(saved.CategoryId), saved.MinPrice, saved.MaxPrice, saved.Condition?.ToContract(), saved.Alerts.ToContract()));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> UnsubscribeAsync(
        UnsubscribeRequest request, MarketplaceDbContext db, UnsubscribeKey key, CancellationToken cancellationToken)
    {
        var search = request.Search!.Value;
        if (!key.Verifies(search, request.Token))
        {
            return NotFound();
        }

        return await db.SavedSearches.Where(s => s.Id == search)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.Alerts, DbAlertFrequency.Off), cancellationToken) == 0
            ? NotFound()
            : TypedResults.NoContent();
    }

    // The same answer for a forged link and for a search deleted since: the link opens nothing either way.
    private static ProblemHttpResult NotFound() => ApiErrors.NotFound("This unsubscribe link is not one of ours, or its saved search was deleted.");
}
