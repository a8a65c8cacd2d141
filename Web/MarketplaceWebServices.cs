using Marketplace.Web.Api;
using Marketplace.Web.Auth;
using Marketplace.Web.DataProtection;
using Marketplace.Web.Errors;
using Marketplace.Web.Forwarding;
using Marketplace.Web.Presentation;
using Marketplace.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Marketplace.Web;

/// <summary>The Web's services and its request pipeline, in the order they matter.</summary>
public static class MarketplaceWebServices
{
    public static IHostApplicationBuilder AddMarketplaceWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddMemoryCache();

        services.AddOptions<MarketplaceApiOptions>().BindConfiguration(MarketplaceApiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<VisitorForwardingOptions>().BindConfiguration(VisitorForwardingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MarketplaceCultureOptions>().BindConfiguration(MarketplaceCultureOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Money>();

        // AddServiceDefaults gave every client service discovery and the standard resilience handler. That handler was
        // added to the defaults, which have no client name, so it reads the options named "-standard" and never this
        // client's: options configured under "MarketplaceApiClient-standard" would not reach it, and the Api's 503 with
        // Retry-After 30 would be waited out until the 30 s total timeout. So the Api client replaces it with its own,
        // tuned, and forwards the visitor's address.
        services.AddTransient<VisitorForwardingHandler>();
        // EXTEXP0001: RemoveAllResilienceHandlers is marked for evaluation; it is the package's one way to replace the
        // defaults' handler for one client (configuring "-standard" would retune every client of the Web instead).
#pragma warning disable EXTEXP0001
        services.AddHttpClient<MarketplaceApiClient>((provider, http) =>
                http.BaseAddress = provider.GetRequiredService<IOptions<MarketplaceApiOptions>>().Value.BaseAddress)
            .AddHttpMessageHandler<VisitorForwardingHandler>()
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(MarketplaceApiClient.TuneResilience);
#pragma warning restore EXTEXP0001

        builder.AddMarketplaceDataProtection();
        builder.AddApiSession();
        builder.AddTransportSecurity();
        services.AddScoped<PageImageOrigins>();

        services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeFolder("/Selling");
                options.Conventions.AuthorizePage("/Listings/Create");
                options.Conventions.AuthorizePage("/Listings/Photos");
                options.Conventions.AuthorizePage("/Listings/Edit");
                options.Conventions.AuthorizePage("/Listings/Confirm");
                options.Conventions.AuthorizePage("/Listings/DeletePhoto");
                options.Conventions.AuthorizePage("/Account/Index");
                // Admins only; everyone else, signed in or not, finds the 404 page (no sign-in prompt announces the area).
                options.Conventions.AddFolderApplicationModelConvention("/Admin", model => model.Filters.Add(new AdminOnlyPageFilter()));
                // StaleFormFilter checks every form's token instead, and shows a form whose token no longer fits again.
                options.Conventions.AddFolderApplicationModelConvention("/", model =>
                {
                    foreach (var check in model.Filters.OfType<AutoValidateAntiforgeryTokenAttribute>().ToList())
                    {
                        model.Filters.Remove(check);
                    }
                });
            })
            .AddMvcOptions(options =>
            {
                options.Filters.Add<ApiExceptionPageFilter>();
                options.Filters.Add<StaleFormFilter>();
            });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "marketplace.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddScoped<ApiExceptionPageFilter>();
        services.AddScoped<StaleFormFilter>();
        return builder;
    }

    public static WebApplication UseMarketplaceWeb(this WebApplication app)
    {
        app.UseTransportSecurity();
        app.UseSecurityHeaders();

        // Every environment, Development too: a visitor never sees a stack trace. The Api being down is a 503 page.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = ErrorPages.ErrorPath,
            StatusCodeSelector = ErrorPages.StatusCodeOf,
        });
        app.UseStatusCodePagesWithReExecute(ErrorPages.StatusPath, "?code={0}");
        app.UseStaticFiles();

        app.UseRouting();
        app.UseAuthentication();

        // Photos come from the Api; the page's <img> asks the Web (same origin) and the Web streams the Api's answer,
        // as the visitor (a draft's photos are only its seller's to see).
        app.Map(ImageProxy.PathPrefix, ImageProxy.Configure);
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapMarketplacePages(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }
}
