using System.Net;
using System.Text.Json;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Listings;
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
        ("post", "/api/auth/refresh", "Refresh", false),
        ("post", "/api/auth/sign-out", "SignOut", true),
        ("post", "/api/auth/sign-out-everywhere", "SignOutEverywhere", true),
        ("post", "/api/auth/revert-email-change", "RevertEmailChange", false),
        ("get", "/api/me/export", "ExportMyData", true),
        ("post", "/api/me/delete", "DeleteMyAccount", true),
        ("post", "/api/auth/change-password", "ChangePassword", true),
        ("post", "/api/auth/forgot-password", "ForgotPassword", false),
        ("post", "/api/auth/reset-password", "ResetPassword", false),
        ("post", "/api/auth/verify-email", "VerifyEmail", false),
        ("post", "/api/auth/resend-verification", "ResendVerification", true),
        ("post", "/api/auth/change-email", "ChangeEmail", true),
        ("get", "/api/listings", "SearchListings", false),
        ("get", "/api/listings/{id}", "GetListing", false),
        ("post", "/api/listings", "CreateListing", true),
        ("put", "/api/listings/{id}", "UpdateListing", true),
        ("delete", "/api/listings/{id}", "ArchiveListing", true),
        ("post", "/api/listings/{id}/images", "UploadListingImages", true),
        ("put", "/api/listings/{id}/images/order", "ReorderListingImages", true),
        ("patch", "/api/listings/{id}/images/{imageId}", "UpdateListingImage", true),
        ("delete", "/api/listings/{id}/images/{imageId}", "DeleteListingImage", true),
        ("get", "/api/images/{hash}/{rendition}", "GetImage", false),
        ("get", "/api/me/listings", "GetMyListings", true),
        ("get", "/api/me", "GetMyAccount", true),
        ("patch", "/api/me", "UpdateMyAccount", true),
        ("post", "/api/listings/{id}/relist", "RelistListing", true),
        ("delete", "/api/listings/{id}/draft", "DeleteDraftListing", true),
        ("get", "/api/marketplace", "GetMarketplaceSettings", false),
        ("post", "/api/listings/{id}/contact", "ContactSeller", true),
        ("post", "/api/listings/{id}/reports", "ReportListing", true),
        ("get", "/api/users/{id}", "GetSellerProfile", false),
        ("get", "/api/admin/reports", "AdminGetReports", true),
        ("get", "/api/admin/audit-log", "AdminGetAuditLog", true),
        ("get", "/api/admin/reports/queue", "AdminGetReportQueue", true),
        ("post", "/api/admin/reports/{id}/dismiss", "AdminDismissReport", true),
        ("get", "/api/admin/categories", "AdminGetCategories", true),
        ("get", "/api/admin/listings", "AdminSearchListings", true),
        ("get", "/api/admin/listings/{id}", "AdminGetListing", true),
        ("get", "/api/admin/users", "AdminSearchUsers", true),
        ("get", "/api/admin/users/{id}", "AdminGetUser", true),
        ("post", "/api/admin/categories", "AdminCreateCategory", true),
        ("patch", "/api/admin/categories/{id}", "AdminUpdateCategory", true),
        ("post", "/api/admin/categories/{id}/move", "AdminMoveCategory", true),
        ("post", "/api/admin/categories/{id}/reorder", "AdminReorderCategory", true),
        ("post", "/api/admin/categories/{id}/deactivate", "AdminDeactivateCategory", true),
        ("post", "/api/admin/categories/{id}/reactivate", "AdminReactivateCategory", true),
        ("post", "/api/admin/listings/{id}/remove", "AdminRemoveListing", true),
        ("post", "/api/admin/listings/{id}/restore", "AdminRestoreListing", true),
        ("post", "/api/admin/users/{id}/suspend", "AdminSuspendUser", true),
        ("post", "/api/admin/users/{id}/reinstate", "AdminReinstateUser", true),
        ("put", "/api/admin/users/{id}/role", "AdminChangeUserRole", true),
        ("post", "/api/listings/{id}/conversation", "StartConversation", true),
        ("get", "/api/conversations", "GetInbox", true),
        ("get", "/api/conversations/unread", "GetUnreadCount", true),
        ("get", "/api/conversations/{id}", "GetConversation", true),
        ("post", "/api/conversations/{id}/messages", "SendMessage", true),
        ("post", "/api/conversations/{id}/read", "MarkConversationRead", true),
        ("put", "/api/conversations/{id}/block", "BlockConversationPartner", true),
        ("delete", "/api/conversations/{id}/block", "UnblockConversationPartner", true),
        ("post", "/api/conversations/{id}/reports", "ReportConversation", true),
        ("get", "/api/me/favourites", "GetFavourites", true),
        ("get", "/api/me/favourite-ids", "GetFavouriteIds", true),
        ("put", "/api/me/favourites/{listingId}", "SaveFavourite", true),
        ("delete", "/api/me/favourites/{listingId}", "RemoveFavourite", true),
        ("get", "/api/me/saved-searches", "GetSavedSearches", true),
        ("post", "/api/me/saved-searches", "SaveSearch", true),
        ("patch", "/api/me/saved-searches/{id}", "UpdateSavedSearch", true),
        ("delete", "/api/me/saved-searches/{id}", "DeleteSavedSearch", true),
        ("post", "/api/me/saved-searches/{id}/visit", "VisitSavedSearch", true),
        ("get", "/api/alerts/unsubscribe", "GetAlertSubscription", false),
        ("post", "/api/alerts/unsubscribe", "UnsubscribeAlerts", false),
        ("get", "/api/admin/conversation-reports/{id}", "AdminGetConversationReport", true),
        ("post", "/api/admin/conversation-reports/{id}/dismiss", "AdminDismissConversationReport", true),
    ];

    /// <summary>
    /// Every status each operation can answer, and no other. Every operation reads the database (503) and refuses a
    /// query-string or route value that is not storable text (400); a body can be too large (413) or not JSON (415);
    /// writes are rate-limited (429); the rest is each operation's own.
    /// </summary>
    public static TheoryData<string, string, string[]> Statuses => new()
    {
        { "get", "/api/categories", ["200", "400", "503"] },
        { "post", "/api/listings/{id}/images", ["201", "400", "401", "403", "404", "409", "413", "415", "429", "503"] },
        { "put", "/api/listings/{id}/images/order", ["200", "400", "401", "403", "404", "413", "415", "429", "503"] },
        { "patch", "/api/listings/{id}/images/{imageId}", ["200", "400", "401", "403", "404", "413", "415", "429", "503"] },
        { "delete", "/api/listings/{id}/images/{imageId}", ["204", "400", "401", "403", "404", "429", "503"] },
        { "get", "/api/images/{hash}/{rendition}", ["200", "304", "400", "404", "503"] },
        { "get", "/api/categories/{slug}", ["200", "400", "404", "503"] },
        { "post", "/api/auth/register", ["202", "400", "413", "415", "429", "503"] },
        { "post", "/api/auth/sign-out", ["204", "400", "401", "409", "429", "503"] },
        { "post", "/api/auth/revert-email-change", ["204", "400", "409", "413", "415", "429", "503"] },
        { "get", "/api/me/export", ["200", "400", "401", "429", "503"] },
        { "post", "/api/me/delete", ["204", "400", "401", "409", "413", "415", "429", "503"] },
        { "post", "/api/auth/login", ["200", "400", "401", "403", "413", "415", "429", "503"] },
        { "post", "/api/auth/refresh", ["200", "400", "401", "413", "415", "429", "503"] },
        { "post", "/api/auth/sign-out-everywhere", ["204", "400", "401", "429", "503"] },
        { "post", "/api/auth/change-password", ["200", "400", "401", "413", "415", "429", "503"] },
        { "post", "/api/auth/forgot-password", ["202", "400", "413", "415", "429", "503"] },
        { "post", "/api/auth/reset-password", ["204", "400", "413", "415", "429", "503"] },
        { "post", "/api/auth/verify-email", ["200", "400", "409", "413", "415", "429", "503"] },
        { "post", "/api/auth/resend-verification", ["202", "400", "401", "409", "429", "503"] },
        { "post", "/api/auth/change-email", ["202", "400", "401", "409", "413", "415", "429", "503"] },
        { "get", "/api/listings", ["200", "400", "503"] },
        { "get", "/api/listings/{id}", ["200", "400", "404", "503"] },
        { "post", "/api/listings", ["201", "400", "401", "403", "409", "413", "415", "429", "503"] },
        { "put", "/api/listings/{id}", ["200", "400", "401", "403", "404", "409", "413", "415", "429", "503"] },
        { "delete", "/api/listings/{id}", ["204", "400", "401", "404", "429", "503"] },
        { "get", "/api/me/listings", ["200", "400", "401", "503"] },
        { "get", "/api/me", ["200", "400", "401", "503"] },
        { "patch", "/api/me", ["200", "400", "401", "413", "415", "429", "503"] },
        { "post", "/api/listings/{id}/relist", ["200", "400", "401", "403", "404", "409", "429", "503"] },
        { "delete", "/api/listings/{id}/draft", ["204", "400", "401", "404", "409", "429", "503"] },
        { "get", "/api/marketplace", ["200", "400"] },
        { "post", "/api/listings/{id}/contact", ["202", "400", "401", "403", "404", "409", "413", "415", "429", "503"] },
        { "post", "/api/listings/{id}/reports", ["202", "400", "401", "403", "404", "409", "413", "415", "429", "503"] },
        { "get", "/api/users/{id}", ["200", "400", "404", "503"] },
        { "get", "/api/admin/reports", ["200", "400", "401", "403", "503"] },
        { "get", "/api/admin/audit-log", ["200", "400", "401", "403", "503"] },
        { "post", "/api/admin/categories", ["201", "400", "401", "403", "404", "409", "413", "415", "429", "503"] },
        { "patch", "/api/admin/categories/{id}", ["200", "400", "401", "403", "404", "409", "413", "415", "429", "503"] },
        { "post", "/api/admin/categories/{id}/move", ["200", "400", "401", "403", "404", "409", "413", "415", "429", "503"] },
        { "post", "/api/admin/categories/{id}/reorder", ["200", "400", "401", "403", "404", "409", "413", "415", "429", "503"] },
        { "post", "/api/admin/categories/{id}/deactivate", ["200", "400", "401", "403", "404", "409", "413", "415", "429", "503"] },
        { "post", "/api/admin/categories/{id}/reactivate", ["200", "400", "401", "403", "404", "409", "413", "415", "429", "503"] },
        { "post", "/api/admin/listings/{id}/remove", ["204", "400", "401", "403", "404", "409", "413", "415", "429", "503"] },
        { "post", "/api/admin/listings/{id}/restore", ["204", "400", "401", "403", "404", "409", "413", "415", "429", "503"] },
        { "post", "/api/admin/users/{id}/suspend", ["204", "400", "401", "403", "404", "409", "413", "415", "429", "503"] },
        { "post", "/api/admin/users/{id}/reinstate", ["204", "400", "401", "403", "404", "409", "413", "415", "429", "503"] },
        { "put", "/api/admin/users/{id}/role", ["204", "400", "401", "403", "404", "409", "413", "415", "429", "503"] },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task Each_operation_lists_every_status_it_answers_each_error_a_problem_and_429_and_503_with_Retry_After(
        string method, string path, string[] statuses)
    {
        var document = await DocumentAsync();

        var responses = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");

        Assert.Equal(statuses, responses.EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal));
        foreach (var status in statuses.Where(s => s[0] is '4' or '5'))
        {
            Assert.EndsWith(status == "400" ? "/HttpValidationProblemDetails" : "/ProblemDetails", ProblemSchema(responses, status), StringComparison.Ordinal);
            var headers = responses.GetProperty(status).TryGetProperty("headers", out var found) ? found.EnumerateObject().Select(h => h.Name).ToList() : [];
            Assert.Equal(status is "429" or "503" ? ["Retry-After"] : [], headers);
        }
    }

    [Fact]
    public async Task Anonymous_operations_say_they_need_no_credentials_and_the_server_url_has_no_trailing_slash()
    {
        var document = await DocumentAsync();

        foreach (var (method, path, _, secured) in Operations.Where(o => !o.Secured))
        {
            var security = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("security");
            Assert.True(security.GetArrayLength() == 0, $"{method} {path}: {security}");
        }

        var server = Assert.Single(document.GetProperty("servers").EnumerateArray()).GetProperty("url").GetString()!;
        Assert.False(server.EndsWith('/'), server);
    }

    [Fact]
    public async Task Prices_are_two_place_decimal_strings_in_the_one_currency_and_emails_are_emails()
    {
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");

        var answered = schemas.GetProperty("ListingResponse").GetProperty("properties");
        Assert.Equal(("string", "decimal", @"^(0|[1-9][0-9]{0,9})\.[0-9]{2}$"), (answered.GetProperty("price").GetProperty("type").GetString(),
            answered.GetProperty("price").GetProperty("format").GetString(), answered.GetProperty("price").GetProperty("pattern").GetString()));
        Assert.Contains("EUR", answered.GetProperty("currency").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("currency", schemas.GetProperty("ListingResponse").GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        var sent = schemas.GetProperty("ListingRequest").GetProperty("properties").GetProperty("price");
        Assert.Equal(["number", "string"], sent.GetProperty("type").EnumerateArray().Select(t => t.GetString()).Order());
        Assert.Equal("decimal", sent.GetProperty("format").GetString());
        Assert.DoesNotContain("listing's currency", sent.GetProperty("description").GetString(), StringComparison.Ordinal);
        foreach (var schema in new[] { "RegisterRequest", "LoginRequest", "RegistrationAcceptedResponse" })
        {
            Assert.Equal("email", schemas.GetProperty(schema).GetProperty("properties").GetProperty("email").GetProperty("format").GetString());
        }
    }

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
        Assert.Equal(100, properties.GetProperty("categorySlug").GetProperty("maxLength").GetInt32());
    }

    [Fact]
    public async Task The_search_parameters_carry_their_limits_and_the_read_endpoints_their_404()
    {
        var document = await DocumentAsync();
        var paths = document.GetProperty("paths");

        var parameters = paths.GetProperty("/api/listings").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(["categorySlug", "category", "status", "minPrice", "maxPrice", "sellerId", "q", "sort", "cursor", "limit", "condition"], parameters.Keys);
        Assert.Equal((1, 100), (parameters["limit"].GetProperty("schema").GetProperty("minimum").GetInt32(),
            parameters["limit"].GetProperty("schema").GetProperty("maximum").GetInt32()));
        Assert.Contains("price_asc", parameters["sort"].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/ProblemDetails", ProblemSchema(paths.GetProperty("/api/listings/{id}").GetProperty("get").GetProperty("responses"), "404"), StringComparison.Ordinal);
        Assert.EndsWith("/ProblemDetails", ProblemSchema(paths.GetProperty("/api/categories/{slug}").GetProperty("get").GetProperty("responses"), "404"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redoclys_recommended_rules_find_no_error_in_the_document()
    {
        var redocly = await OpenApiTools.FindAsync("redocly");
        var file = Path.Combine(Directory.CreateTempSubdirectory("marketplace-openapi-").FullName, "openapi.json");
        await File.WriteAllTextAsync(file, (await DocumentAsync()).GetRawText(), Ct);

        var lint = await OpenApiTools.RunAsync(redocly, ["lint", "--extends", "recommended", "--format", "json", file], OpenApiTools.Folder, TimeSpan.FromMinutes(2));
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);

        var report = JsonDocument.Parse(lint.Output).RootElement;
        var errors = report.GetProperty("problems").EnumerateArray()
            .Where(p => p.GetProperty("severity").GetString() == "error")
            .Select(p => $"{p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()}")
            .ToList();
        Assert.True(errors.Count == 0 && lint.ExitCode == 0, $"exit code {lint.ExitCode}:\n{string.Join('\n', errors)}\n{lint.Error}");
        Assert.Equal(0, report.GetProperty("totals").GetProperty("errors").GetInt32());
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
