using Marketplace.Api;
using Marketplace.Api.Admin;
using Marketplace.Api.Auth;
using Marketplace.Api.Categories;
using Marketplace.Api.Conversations;
using Marketplace.Api.Favourites;
using Marketplace.Api.Images;
using Marketplace.Api.Listings;
using Marketplace.Api.OpenApi;
using Marketplace.Api.SavedSearches;
using Marketplace.Api.Sellers;
using Marketplace.Api.Settings;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddMarketplaceApiServices();

var app = builder.Build();

app.UseMarketplaceApi();

app.MapDefaultEndpoints();
app.MapApiDocumentation();

app.MapCategoriesApi();
app.MapAuthApi();
app.MapAccountApi();
app.MapAccountDataApi();
app.MapPasswordResetApi();
app.MapEmailChangeRevertApi();
app.MapListingsApi();
app.MapListingLifecycleApi();
app.MapListingImagesApi();
app.MapMyListingsApi();
app.MapConversationStartApi();
app.MapConversationsApi();
app.MapConversationSafetyApi();
app.MapFavouritesApi();
app.MapSavedSearchesApi();
app.MapAlertUnsubscribeApi();
app.MapListingReportsApi();
app.MapSellersApi();
app.MapMarketplaceSettingsApi();
app.MapAdminApi();

app.Run();

/// <summary>The entry point, public so that tests can host the Api with WebApplicationFactory.</summary>
public partial class Program;
