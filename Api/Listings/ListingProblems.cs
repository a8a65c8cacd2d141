using Marketplace.Api.Infrastructure;
using Marketplace.Contracts.Listings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Api.Listings;

/// <summary>The problem each <see cref="ListingRefusal"/> is answered with, worded for the action it refused.</summary>
public static class ListingProblems
{
    public static ProblemHttpResult Of(ListingRefusal refusal, ListingAction action, long id, ListingFacts? listing) => refusal switch
    {
        ListingRefusal.NotFound => NotFound(id),
        ListingRefusal.OwnListing => Conflict(
            "Your own listing.",
            action switch
            {
                ListingAction.Contact or ListingAction.ContinueContact => "This is your listing; buyers write to you about it.",
                ListingAction.Favourite => "Your own listings are in My listings, not among the saved ones.",
                _ => "This is your listing; change or archive it instead.",
            }),
        ListingRefusal.Archived => TypedResults.Problem(
            type: ListingProblemTypes.Archived,
            title: "Listing archived.",
            detail: $"Listing {id} is archived and can no longer be changed; relist it first.",
            statusCode: StatusCodes.Status409Conflict),
        ListingRefusal.Removed => TypedResults.Problem(
            type: ListingProblemTypes.Removed,
            title: "Listing removed.",
            detail: $"An admin removed listing {id}; only an admin can restore it.",
            statusCode: StatusCodes.Status409Conflict),
        ListingRefusal.Sold => Conflict("Listing sold.", $"Listing {id} is sold; its seller takes no new conversations about it."),
        ListingRefusal.Published => Published(
            id, action == ListingAction.EditAsDraft ? "cannot go back to being a draft; archive it to take it down" : "is never deleted; archive it instead"),
        ListingRefusal.NotArchived => TypedResults.Problem(
            type: ListingProblemTypes.NotArchived,
            title: "Listing not archived.",
            detail: $"Listing {id} is {listing?.Status.ToContract()}; only an archived listing is relisted.",
            statusCode: StatusCodes.Status409Conflict),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, null),
    };

    /// <summary>The same answer for a listing that does not exist and one the caller may not know of.</summary>
    public static ProblemHttpResult NotFound(long id) => ApiErrors.NotFound($"There is no listing {id}.");

    /// <summary>The listing has been public, so it <paramref name="cannot"/> (what the request asked).</summary>
    public static ProblemHttpResult Published(long id, string cannot) => TypedResults.Problem(
        type: ListingProblemTypes.Published,
        title: "Listing published.",
        detail: $"Listing {id} has been published and {cannot}.",
        statusCode: StatusCodes.Status409Conflict);

    private static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict);
}
