using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>Api/Api.http is documentation users run: every request in it works, in order, and together they cover every endpoint.</summary>
public sealed partial class ApiHttpFileTests(PostgresServer server)
{
    [Fact]
    public async Task Every_request_in_Api_http_succeeds_and_every_endpoint_has_one()
    {
        var azurite = await AzuriteServer.SharedAsync();
        var container = AzuriteServer.NewContainerName();
        // Alerts matched and queued within a tenth of a second, so the alert mail's link is there when the file asks for it.
        var settings = new Dictionary<string, string?>(azurite.Settings(container)) { ["SavedSearches:AlertInterval"] = "00:00:00.100" };
        await using var app = await ApiApp.CreateAsync(server, settings, cancellationToken: Ct);
        using var client = app.CreateClient();
        var file = await ApiHttpFile.ReadAsync();
        await file.CreateAdminAsync(app.ConnectionString);

        var sent = await file.SendAllAsync(client, file.TokensFromMail(app.Inbox));

        foreach (var exchange in sent)
        {
            Assert.True(exchange.Status is >= 200 and < 300, $"{exchange.Method} {exchange.Url} answered {exchange.Status}: {exchange.Body}");
        }

        using var documentResponse = await client.GetAsync("/openapi/v1.json", Ct);
        var document = JsonDocument.Parse(await documentResponse.Content.ReadAsStringAsync(Ct)).RootElement;
        var endpoints = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Method: op.Name.ToUpperInvariant(), Template: path.Name)))
            .Append(("GET", "/alive"))
            .Append(("GET", "/health"));
        foreach (var (method, template) in endpoints)
        {
            var pattern = new Regex("^" + TemplateParameter().Replace(Regex.Escape(template).Replace(@"\{", "{", StringComparison.Ordinal), "[^/]+") + "$");
            Assert.True(sent.Any(s => s.Method == method && pattern.IsMatch(s.Path)), $"Api.http has no request for {method} {template}.");
        }
    }

    [GeneratedRegex(@"\{[^}/]+\}")]
    private static partial Regex TemplateParameter();
}
