using Marketplace.Web;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddMarketplaceWeb();

var app = builder.Build();

app.UseMarketplaceWeb();
app.MapDefaultEndpoints();
app.MapMarketplacePages();

app.Run();

/// <summary>The entry point, public so that tests can host the Web with WebApplicationFactory.</summary>
public partial class Program;
