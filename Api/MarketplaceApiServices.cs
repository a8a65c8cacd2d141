using System.Text.Json.Serialization;
using Marketplace.Api.Admin;
using Marketplace.Api.Auth;
using Marketplace.Api.Categories;
using Marketplace.Api.Conversations;
using Marketplace.Api.Favourites;
using Marketplace.Api.Health;
using Marketplace.Api.Images;
using Marketplace.Api.Infrastructure;
using Marketplace.Api.Listings;
using Marketplace.Api.Mail;
using Marketplace.Api.OpenApi;
using Marketplace.Api.Replicas;
using Marketplace.Api.SavedSearches;
using Marketplace.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Api;

/// <summary>Everything the Api needs, wired in one place so that Program.cs reads as a table of contents.</summary>
public static class MarketplaceApiServices
{
    public static IHostApplicationBuilder AddMarketplaceApiServices(this IHostApplicationBuilder builder)
    {
        // No reset on close: a pooled connection's return otherwise costs a DISCARD ALL on the server with the next query.
        // Safe because the Api leaves no session state behind: no SET, temporary tables, LISTEN, advisory locks or
        // open transactions (EF Core commits or rolls back before the connection goes back).
        // Database:MaxPoolSize: see ApiDatabaseOptions. Validated at start-up, before anything opens a connection.
        builder.Services.AddOptions<ApiDatabaseOptions>()
            .BindConfiguration(ApiDatabaseOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var database = builder.Configuration.GetSection(ApiDatabaseOptions.SectionName);
        builder.AddMarketplaceDbContext(configureDataSource: dataSource =>
        {
            dataSource.ConnectionStringBuilder.NoResetOnClose = true;
            // The data source is built on first use, after the settings were validated at start-up.
            if (database.Get<ApiDatabaseOptions>()?.MaxPoolSize is { } size)
            {
                dataSource.ConnectionStringBuilder.MaxPoolSize = size;
            }
        });
        // A few quick retries, not EF Core's default six backing off to 30 s: those held every request for a minute
        // while PostgreSQL restarted, instead of answering 503 with Retry-After (Database:MaxRetryCount, MaxRetryDelay).
        builder.Services.ConfigureDbContext<MarketplaceDbContext>((services, options) =>
        {
            var retries = services.GetRequiredService<IOptions<ApiDatabaseOptions>>().Value;
            options.UseNpgsql(npgsql => npgsql.EnableRetryOnFailure(retries.MaxRetryCount, retries.MaxRetryDelay, DatabaseErrors.ConnectionLossCodes));
        });
        builder.AddSchemaReadiness();

        builder.Services.AddOptions<MarketplaceOptions>()
            .BindConfiguration(MarketplaceOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(marketplace => marketplace.HasValidPublicBaseUrl, MarketplaceOptions.PublicBaseUrlMessage)
            .ValidateOnStart();
        builder.AddMail();

        builder.AddApiErrors();
        builder.Services.AddValidation();
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            // A number sent as a string is a client bug worth a 400, not something to guess at (a price has its own
            // converter, whose string form is the documented one).
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            // Enums travel by name; without this a bare number would bind to a value that does not exist.
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
        });

        builder.AddReplicas();
        builder.AddRequestLimits();
        builder.AddVisitorForwarding();
        builder.AddJwtAuthentication();
        builder.AddCategoryCatalog();
        builder.AddListings();
        builder.AddListingImages();
        builder.AddConversations();
        builder.AddFavourites();
        builder.AddSavedSearches();
        builder.AddAdmin();
        builder.AddApiDocumentation();
        return builder;
    }

    /// <summary>The middleware, outermost first: errors become problem details before anything else can fail.</summary>
    public static WebApplication UseMarketplaceApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseVisitorForwarding();
        app.UseRequestBodyLimit();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseStorableText();
        app.UseRateLimiter();
        return app;
    }
}
