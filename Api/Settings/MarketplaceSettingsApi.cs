using Marketplace.Api.Infrastructure;
using Marketplace.Contracts.Settings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Settings;

/// <summary><c>GET /api/marketplace</c>: what a client shows before it has any listing to read it from (the Sell form's currency).</summary>
public static class MarketplaceSettingsApi
{
    public static IEndpointRouteBuilder MapMarketplaceSettingsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/marketplace")
            .WithTags("Marketplace")
            .MapGet("/", Get)
            .WithName("GetMarketplaceSettings")
            .WithSummary("The marketplace's settings")
            .WithDescription("The one currency every price is in. Settings change only with a deployment.")
            .ProducesValidationProblem();
        return app;
    }

    public static Ok<MarketplaceSettingsResponse> Get(IOptions<MarketplaceOptions> marketplace) =>
        TypedResults.Ok(new MarketplaceSettingsResponse(marketplace.Value.Currency));
}
