using System.Net;
using Marketplace.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Marketplace.Tests.ServiceDefaults;

/// <summary>HttpClients from IHttpClientFactory in a service that calls AddServiceDefaults().</summary>
public sealed class HttpClientDefaultsTests
{
    [Fact]
    public async Task A_client_finds_a_service_by_its_Aspire_name_and_retries_a_transient_failure()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        // A neighbour that fails its first call the way a starting replica does.
        var attempts = 0;
        var neighbourBuilder = LoopbackWebApplication.CreateBuilder();
        await using var neighbour = neighbourBuilder.Build();
        neighbour.MapGet("/api/categories", () => Interlocked.Increment(ref attempts) == 1
            ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable)
            : Results.Text("books-and-media"));
        await neighbour.StartAsync(cancellationToken);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        // The shape in which Aspire's WithReference(api) hands a service its neighbour's address.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["services:catalog:http:0"] = neighbour.BaseAddress().ToString(),
        });
        builder.AddServiceDefaults();
        builder.Services.AddHttpClient("catalog", client => client.BaseAddress = new Uri("http://catalog"));
        using var host = builder.Build();

        using var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("catalog");
        using var response = await client.GetAsync(new Uri("/api/categories", UriKind.Relative), cancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("books-and-media", await response.Content.ReadAsStringAsync(cancellationToken));
        Assert.Equal(2, Volatile.Read(ref attempts));
    }
}
