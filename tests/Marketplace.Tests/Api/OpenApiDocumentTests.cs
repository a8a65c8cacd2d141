using System.Net;
using System.Text.Json;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>/openapi/v1.json describes every endpoint, its inputs, its answers and its problems, as a client generator reads it.</summary>
public sealed class OpenApiDocumentTests(PostgresServer server)
{
    private static readonly (string Method, string Path, string OperationId, bool Secured)[] Operations =
    [
        ("get", "/api/categories", "GetCategoryTree", false),
        ("get", "/api/categories/{slug}", "GetCategory", false),
        ("post", "/api/auth/register", "Register", false),
        ("post", "/api/auth/login", "Login", false),
        ("get", "/api/listings", "SearchListings", false),
        ("get", "/api/listings/{id}", "GetListing", false),
        ("post", "/api/listings", "CreateListing", true),
        ("put", "/api/listings/{id}", "UpdateListing", true),
        ("delete", "/api/listings/{id}", "ArchiveListing", true),
    ];

    [Fact]
    public async Task It_lists_exactly_the_Apis_operations_each_named_and_summarized_with_a_token_where_one_is_needed()
    {
        var document = await DocumentAsync();

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Method: op.Name, Path: path.Name, Operation: op.Value)))
            .ToList();

        Assert.Equal(Operations.Length, operations.Count);
        foreach (var (method, path, operationId, secured) in Operations)
        {
            var operation = operations.Single(o => o.Method == method && o.Path == path).Operation;
            Assert.Equal(operationId, operation.GetProperty("operationId").GetString());
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
            var security = operation.TryGetProperty("security", out var requirements)
                ? requirements.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(s => s.Name)).ToList()
                : [];
            Assert.Equal(secured ? ["Bearer"] : [], security);
        }

        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal(("http", "bearer", "JWT"),
            (bearer.GetProperty("type").GetString(), bearer.GetProperty("scheme").GetString(), bearer.GetProperty("bearerFormat").GetString()));
    }

    [Fact]
    public async Task Creating_a_listing_is_described_with_its_request_its_answer_and_each_problem()
    {
        var document = await DocumentAsync();
        var create = document.GetProperty("paths").GetProperty("/api/listings").GetProperty("post");

        Assert.EndsWith("/ListingRequest", create.GetProperty("requestBody").GetProperty("content").GetProperty("application/json")
            .GetProperty("schema").GetProperty("$ref").GetString(), StringComparison.Ordinal);
        var responses = create.GetProperty("responses");
        Assert.EndsWith("/ListingResponse", responses.GetProperty("201").GetProperty("content").GetProperty("application/json")
            .GetProperty("schema").GetProperty("$ref").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/HttpValidationProblemDetails", ProblemSchema(responses, "400"), StringComparison.Ordinal);
        foreach (var status in new[] { "401", "413", "415", "429" })
        {
            Assert.EndsWith("/ProblemDetails", ProblemSchema(responses, status), StringComparison.Ordinal);
        }

        var request = document.GetProperty("components").GetProperty("schemas").GetProperty("ListingRequest");
        Assert.Equal(["description", "price", "title"], request.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Order());
        var properties = request.GetProperty("properties");
        Assert.Equal(200, properties.GetProperty("title").GetProperty("maxLength").GetInt32());
        Assert.Equal(5000, properties.GetProperty("description").GetProperty("maxLength").GetInt32());
        Assert.Equal(0, properties.GetProperty("price").GetProperty("minimum").GetDecimal());
        Assert.Equal("number", properties.GetProperty("price").GetProperty("type").GetString());
        Assert.Equal(100, properties.GetProperty("categorySlug").GetProperty("maxLength").GetInt32());
    }

    [Fact]
    public async Task The_search_parameters_carry_their_limits_and_the_read_endpoints_their_404()
    {
        var document = await DocumentAsync();
        var paths = document.GetProperty("paths");

        var parameters = paths.GetProperty("/api/listings").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(["categorySlug", "category", "status", "minPrice", "maxPrice", "sellerId", "q", "sort", "cursor", "limit"], parameters.Keys);
        Assert.Equal((1, 100), (parameters["limit"].GetProperty("schema").GetProperty("minimum").GetInt32(),
            parameters["limit"].GetProperty("schema").GetProperty("maximum").GetInt32()));
        Assert.Contains("price_asc", parameters["sort"].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/ProblemDetails", ProblemSchema(paths.GetProperty("/api/listings/{id}").GetProperty("get").GetProperty("responses"), "404"), StringComparison.Ordinal);
        Assert.EndsWith("/ProblemDetails", ProblemSchema(paths.GetProperty("/api/categories/{slug}").GetProperty("get").GetProperty("responses"), "404"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development", HttpStatusCode.OK)]
    [InlineData("Production", HttpStatusCode.NotFound)]
    public async Task The_Scalar_UI_is_served_in_Development_only(string environment, HttpStatusCode expected)
    {
        await using var app = await ApiApp.CreateAsync(server, environment: environment, migrate: false, cancellationToken: Ct);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/scalar", Ct);

        Assert.Equal(expected, response.StatusCode);
    }

    private async Task<JsonElement> DocumentAsync()
    {
        await using var app = await ApiApp.CreateAsync(server, migrate: false, cancellationToken: Ct);
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }

    private static string? ProblemSchema(JsonElement responses, string status) =>
        responses.GetProperty(status).GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString();
}
