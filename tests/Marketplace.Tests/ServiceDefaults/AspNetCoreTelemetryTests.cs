using Marketplace.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Marketplace.Tests.ServiceDefaults;

/// <summary>What the dashboard shows for an Api that calls AddServiceDefaults() and MapDefaultEndpoints().</summary>
public sealed class AspNetCoreTelemetryTests
{
    [Fact]
    public async Task Requests_are_traced_as_server_spans_but_health_probes_are_not()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var receiver = await OtlpHttpReceiver.StartAsync(cancellationToken);
        var runId = Guid.NewGuid().ToString("N");

        var builder = LoopbackWebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "api-under-test",
        });
        builder.AddServiceDefaults();

        int port;
        await using (var app = builder.Build())
        {
            app.MapDefaultEndpoints();
            app.MapGet("/api/categories/{slug}", (string slug) => TypedResults.Ok(slug));
            await app.StartAsync(cancellationToken);
            port = app.BaseAddress().Port;

            using var client = new HttpClient { BaseAddress = app.BaseAddress() };
            foreach (var path in new[] { "/health", "/alive", $"/api/categories/{runId}" })
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
                response.EnsureSuccessStatusCode();
            }

            await app.StopAsync(cancellationToken);
        }

        await receiver.WaitForAsync(r => r.Spans.Any(span => IsServerSpanOf(span, $"/api/categories/{runId}")), TimeSpan.FromSeconds(15), cancellationToken);

        var request = Assert.Single(receiver.Spans, span => IsServerSpanOf(span, $"/api/categories/{runId}"));
        Assert.Equal("GET /api/categories/{slug}", request.Name);
        Assert.Equal("api-under-test", request.ServiceName);
        Assert.Equal(200L, request.Attributes["http.response.status_code"]);

        // The probes were answered before the traced request, so their spans (had there been any) were exported with it.
        Assert.DoesNotContain(receiver.Spans, span => IsServerSpanOf(span, "/health") || IsServerSpanOf(span, "/alive"));

        bool IsServerSpanOf(ReceivedSpan span, string path) =>
            span.Kind == OtlpSpanKind.Server
            && Equals(span.Attributes.GetValueOrDefault("server.port"), (long)port)
            && Equals(span.Attributes.GetValueOrDefault("url.path"), path);
    }
}
