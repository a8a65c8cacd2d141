using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Api.Listings;
using Marketplace.Contracts.Listings;
using Marketplace.Data.Entities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static Marketplace.Tests.Api.ApiCalls;
using ListingCategory = Marketplace.Contracts.Listings.ListingCategory;
using ListingStatus = Marketplace.Contracts.Listings.ListingStatus;

namespace Marketplace.Tests.Api;

/// <summary>
/// POST /api/listings: the call that failed for every user in the incident, so every rule of it is pinned here,
/// including each bad input (its status, its problem, and that nothing was written).
/// </summary>
public sealed class CreateListingTests(SharedApi shared) : IClassFixture<SharedApi>
{
    private ApiApp App => shared.App;

    [Fact]
    public async Task A_listing_in_a_subcategory_is_filed_under_it_with_the_legacy_value_of_its_base_category()
    {
        var seller = await App.SignUpAsync();
        var phones = UniqueSlug("phones");
        var phonesId = await App.AddCategoryAsync(phones, parentSlug: "electronics");

        using var response = await seller.Client.PostJsonAsync("/api/listings",
            $$"""{"title": "Pixel 8", "description": "Unlocked, 128 GB.", "price": 349.99, "categorySlug": "{{phones}}"}""");

        var created = await response.ReadAsync<ListingResponse>(HttpStatusCode.Created);
        Assert.Equal((phonesId, phones, ListingCategory.Electronics), (created.CategoryId!.Value, created.CategorySlug, created.Category));
        Assert.Equal((seller.Id, ListingStatus.Active, 349.99m), (created.SellerId, created.Status, created.Price));
        var row = await App.Db.ColumnAsync($"""
            SELECT concat_ws('|', "CategoryId", "Category", "SellerId", "Status", "Price", "Title")
            FROM "Listing" WHERE "Id" = {created.Id}
            """, Ct);
        Assert.Equal($"{phonesId}|electronics|{seller.Id}|active|349.99|Pixel 8", Assert.Single(row));
    }

    [Fact]
    public async Task The_Location_header_points_at_the_listing_and_a_later_read_shows_what_the_create_answered()
    {
        var seller = await App.SignUpAsync();

        using var response = await seller.Client.PostAsJsonAsync("/api/listings",
            new { title = "Bookshelf", description = "Oak, five shelves.", price = 80.5m, categorySlug = "furniture" }, Ct);
        var created = await response.ReadAsync<ListingResponse>(HttpStatusCode.Created);

        Assert.Equal($"/api/listings/{created.Id}", response.Headers.Location!.AbsolutePath);
        using var anonymous = App.CreateClient();
        var read = await (await anonymous.GetAsync(response.Headers.Location, Ct)).ReadAsync<ListingResponse>();
        Assert.Equivalent(created, read, strict: true);
    }

    [Fact]
    public async Task The_legacy_category_alone_files_the_listing_under_its_base_category()
    {
        var seller = await App.SignUpAsync();
        var homeAndGarden = await App.Db.ScalarAsync<int>("""SELECT "Id" FROM "Category" WHERE "Slug" = 'home-and-garden'""", Ct);

        using var response = await seller.Client.PostJsonAsync("/api/listings",
            """{"title": "Lawn mower", "description": "Petrol, starts first pull.", "price": 95, "category": "HomeAndGarden"}""");

        var created = await response.ReadAsync<ListingResponse>(HttpStatusCode.Created);
        Assert.Equal((homeAndGarden, "home-and-garden"), (created.CategoryId!.Value, created.CategorySlug));
        Assert.Equal($"{homeAndGarden}|home_and_garden", await App.Db.ScalarAsync<string>(
            $"""SELECT concat_ws('|', "CategoryId", "Category") FROM "Listing" WHERE "Id" = {created.Id}""", Ct));
    }

    [Fact]
    public async Task The_slug_and_the_legacy_category_together_are_accepted_when_they_agree()
    {
        var seller = await App.SignUpAsync();
        var laptops = UniqueSlug("laptops");
        await App.AddCategoryAsync(laptops, parentSlug: "electronics");

        using var response = await seller.Client.PostJsonAsync("/api/listings",
            $$"""{"title": "ThinkPad", "description": "X1, 16 GB.", "price": 600, "categorySlug": "{{laptops}}", "category": "Electronics"}""");

        var created = await response.ReadAsync<ListingResponse>(HttpStatusCode.Created);
        Assert.Equal((laptops, ListingCategory.Electronics), (created.CategorySlug, created.Category));
    }

    [Fact]
    public async Task A_root_category_added_after_the_legacy_ones_gets_the_legacy_value_Other()
    {
        var seller = await App.SignUpAsync();
        var services = UniqueSlug("services");
        await App.AddCategoryAsync(services, parentSlug: null);

        using var response = await seller.Client.PostJsonAsync("/api/listings",
            $$"""{"title": "Piano lessons", "description": "Weekly, any level.", "price": 30, "categorySlug": "{{services}}"}""");

        var created = await response.ReadAsync<ListingResponse>(HttpStatusCode.Created);
        Assert.Equal(ListingCategory.Other, created.Category);
    }

    [Fact]
    public async Task A_slug_and_a_legacy_category_that_disagree_are_refused_naming_category_and_nothing_is_written()
    {
        var seller = await App.SignUpAsync();
        var before = await App.CountListingsAsync();

        using var response = await seller.Client.PostJsonAsync("/api/listings",
            """{"title": "Sofa", "description": "Three seats.", "price": 200, "categorySlug": "furniture", "category": "Toys"}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "category");
        Assert.Contains("furniture", problem.GetProperty("errors").GetProperty("category")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await App.CountListingsAsync());
    }

    [Fact]
    public async Task The_seller_is_the_caller_even_when_the_body_names_someone_else()
    {
        var seller = await App.SignUpAsync();
        var victim = await App.SignUpAsync();

        using var response = await seller.Client.PostJsonAsync("/api/listings",
            $$"""{"title": "Bike", "description": "Road bike.", "price": 150, "categorySlug": "sports", "sellerId": "{{victim.Id}}"}""");

        var created = await response.ReadAsync<ListingResponse>(HttpStatusCode.Created);
        Assert.Equal(seller.Id, created.SellerId);
        Assert.Equal(0L, await App.Db.ScalarAsync<long>($"""SELECT count(*) FROM "Listing" WHERE "SellerId" = '{victim.Id}'""", Ct));
    }

    [Fact]
    public async Task A_new_listing_can_be_a_draft_which_only_its_seller_sees()
    {
        var seller = await App.SignUpAsync();

        using var response = await seller.Client.PostJsonAsync("/api/listings",
            """{"title": "Camera", "description": "Film SLR.", "price": 75, "categorySlug": "electronics", "status": "Draft"}""");

        var created = await response.ReadAsync<ListingResponse>(HttpStatusCode.Created);
        Assert.Equal(ListingStatus.Draft, created.Status);
        using var anonymous = App.CreateClient();
        await (await anonymous.GetAsync($"/api/listings/{created.Id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await seller.Client.GetAsync($"/api/listings/{created.Id}", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("\"12.5\"", "12.50")]
    [InlineData("12.5", "12.50")]
    [InlineData("\"7\"", "7.00")]
    [InlineData("0.07", "0.07")]
    public async Task A_price_is_answered_as_a_decimal_string_with_two_places_in_the_marketplaces_currency(string sent, string answered)
    {
        var seller = await App.SignUpAsync();

        using var response = await seller.Client.PostJsonAsync("/api/listings",
            $$"""{"title": "Lamp", "description": "Brass.", "price": {{sent}}, "categorySlug": "home-and-garden"}""");

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal((answered, "EUR"), (body.GetProperty("price").GetString(), body.GetProperty("currency").GetString()));
        Assert.Equal(answered, await App.Db.ScalarAsync<string>($"""SELECT "Price"::text FROM "Listing" WHERE "Id" = {body.GetProperty("id").GetInt64()}""", Ct));
    }

    public static TheoryData<string, string, string> BadBodies => new()
    {
        // name, body, the field the problem must name
        { "title missing", """{"description": "d", "price": 1, "categorySlug": "toys"}""", "title" },
        { "title empty", """{"title": "", "description": "d", "price": 1, "categorySlug": "toys"}""", "title" },
        { "title blank", """{"title": "   ", "description": "d", "price": 1, "categorySlug": "toys"}""", "title" },
        { "title null", """{"title": null, "description": "d", "price": 1, "categorySlug": "toys"}""", "title" },
        { "title over 200 characters", $$"""{"title": "{{new string('t', 201)}}", "description": "d", "price": 1, "categorySlug": "toys"}""", "title" },
        { "title a number", """{"title": 42, "description": "d", "price": 1, "categorySlug": "toys"}""", "title" },
        { "description missing", """{"title": "t", "price": 1, "categorySlug": "toys"}""", "description" },
        { "description over 5000 characters", $$"""{"title": "t", "description": "{{new string('d', 5001)}}", "price": 1, "categorySlug": "toys"}""", "description" },
        { "description an object", """{"title": "t", "description": {"text": "d"}, "price": 1, "categorySlug": "toys"}""", "description" },
        { "price missing", """{"title": "t", "description": "d", "categorySlug": "toys"}""", "price" },
        { "price null", """{"title": "t", "description": "d", "price": null, "categorySlug": "toys"}""", "price" },
        { "price negative", """{"title": "t", "description": "d", "price": -0.01, "categorySlug": "toys"}""", "price" },
        { "price with three decimals", """{"title": "t", "description": "d", "price": 10.005, "categorySlug": "toys"}""", "price" },
        { "price above numeric(12,2)", """{"title": "t", "description": "d", "price": 10000000000, "categorySlug": "toys"}""", "price" },
        { "price beyond decimal", """{"title": "t", "description": "d", "price": 1e400, "categorySlug": "toys"}""", "price" },
        { "price a string with three decimals", """{"title": "t", "description": "d", "price": "12.505", "categorySlug": "toys"}""", "price" },
        { "price a string with a comma", """{"title": "t", "description": "d", "price": "12,50", "categorySlug": "toys"}""", "price" },
        { "price a string with an exponent", """{"title": "t", "description": "d", "price": "1e3", "categorySlug": "toys"}""", "price" },
        { "price a negative string", """{"title": "t", "description": "d", "price": "-1", "categorySlug": "toys"}""", "price" },
        { "price a boolean", """{"title": "t", "description": "d", "price": true, "categorySlug": "toys"}""", "price" },
        { "no category at all", """{"title": "t", "description": "d", "price": 1}""", "categorySlug" },
        { "categorySlug unknown", """{"title": "t", "description": "d", "price": 1, "categorySlug": "spaceships"}""", "categorySlug" },
        { "categorySlug in the wrong case", """{"title": "t", "description": "d", "price": 1, "categorySlug": "Toys"}""", "categorySlug" },
        { "categorySlug over 100 characters", $$"""{"title": "t", "description": "d", "price": 1, "categorySlug": "{{new string('s', 101)}}"}""", "categorySlug" },
        { "categorySlug a number", """{"title": "t", "description": "d", "price": 1, "categorySlug": 7}""", "categorySlug" },
        { "category unknown", """{"title": "t", "description": "d", "price": 1, "category": "Spaceships"}""", "category" },
        { "category as its number", """{"title": "t", "description": "d", "price": 1, "category": 7}""", "category" },
        { "status archived", """{"title": "t", "description": "d", "price": 1, "categorySlug": "toys", "status": "Archived"}""", "status" },
        { "status unknown", """{"title": "t", "description": "d", "price": 1, "categorySlug": "toys", "status": "Deleted"}""", "status" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_field_is_a_400_problem_naming_it_and_nothing_is_written(string name, string body, string field)
    {
        var seller = await App.SignUpAsync();
        var before = await App.CountListingsAsync();

        using var response = await seller.Client.PostJsonAsync("/api/listings", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.True(before == await App.CountListingsAsync(), $"{name}: a listing was written");
    }

    public static TheoryData<string, string?, string, HttpStatusCode> BadRequests => new()
    {
        // name, body, content type, status
        { "malformed JSON", """{"title": "t", "description": """, "application/json", HttpStatusCode.BadRequest },
        { "trailing garbage", """{"title": "t"} x""", "application/json", HttpStatusCode.BadRequest },
        { "an array instead of an object", """[]""", "application/json", HttpStatusCode.BadRequest },
        { "no body", null, "application/json", HttpStatusCode.BadRequest },
        { "not JSON", "title=t&price=1", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType },
        { "a body over 64 KB", $$"""{"title": "t", "description": "{{new string('d', 70_000)}}", "price": 1, "categorySlug": "toys"}""", "application/json", HttpStatusCode.RequestEntityTooLarge },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_body_that_cannot_be_read_is_a_problem_with_the_truthful_status_and_nothing_is_written(
        string name, string? body, string contentType, HttpStatusCode status)
    {
        var seller = await App.SignUpAsync();
        var before = await App.CountListingsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/listings");
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, contentType);
        }

        using var response = await seller.Client.SendAsync(request, Ct);

        await response.AssertProblemAsync(status);
        Assert.True(before == await App.CountListingsAsync(), $"{name}: a listing was written");
    }

    [Fact]
    public async Task An_inactive_category_or_one_under_an_inactive_parent_is_refused()
    {
        var seller = await App.SignUpAsync();
        var retired = UniqueSlug("retired");
        var underRetired = UniqueSlug("under-retired");
        await App.AddCategoryAsync(retired, parentSlug: "collectibles", active: false);
        await App.AddCategoryAsync(underRetired, parentSlug: retired);
        var before = await App.CountListingsAsync();

        foreach (var slug in new[] { retired, underRetired })
        {
            using var response = await seller.Client.PostJsonAsync("/api/listings",
                $$"""{"title": "Coin", "description": "1901 penny.", "price": 5, "categorySlug": "{{slug}}"}""");
            await response.AssertProblemAsync(HttpStatusCode.BadRequest, "categorySlug");
        }

        Assert.Equal(before, await App.CountListingsAsync());
    }

    public static TheoryData<string> BadTokens => new() { "none", "garbage", "signed with another key", "expired", "for another audience" };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Without_a_valid_token_it_is_a_401_problem_and_nothing_is_written(string token)
    {
        var seller = await App.SignUpAsync();
        var before = await App.CountListingsAsync();
        using var client = token == "none" ? App.CreateClient() : App.CreateClient(Token(token, seller.Id));

        using var response = await client.PostJsonAsync("/api/listings",
            """{"title": "Lamp", "description": "Brass.", "price": 20, "categorySlug": "home-and-garden"}""");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(before, await App.CountListingsAsync());
    }

    [Fact]
    public async Task A_valid_token_for_an_account_that_no_longer_exists_is_a_401_problem()
    {
        var before = await App.CountListingsAsync();
        using var client = App.CreateClient(Token("valid", Guid.NewGuid()));

        using var response = await client.PostJsonAsync("/api/listings",
            """{"title": "Lamp", "description": "Brass.", "price": 20, "categorySlug": "home-and-garden"}""");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(before, await App.CountListingsAsync());
    }

    private static string Token(string kind, Guid userId)
    {
        var key = kind == "signed with another key" ? "another-signing-key-0123456789-abcdefghijklmnop" : ApiApp.SigningKey;
        var now = DateTime.UtcNow;
        var (notBefore, expires) = kind == "expired" ? (now.AddHours(-2), now.AddHours(-1)) : (now, now.AddHours(1));
        return kind == "garbage"
            ? "not.a.token"
            : new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = "marketplace",
                Audience = kind == "for another audience" ? "someone-else" : "marketplace-api",
                IssuedAt = notBefore,
                NotBefore = notBefore,
                Expires = expires,
                Claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.Sub] = userId.ToString() },
                SigningCredentials = new SigningCredentials(
                    new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
            });
    }

    [Fact]
    public async Task Json_field_names_in_errors_are_the_request_names_even_for_several_at_once()
    {
        var seller = await App.SignUpAsync();

        using var response = await seller.Client.PostJsonAsync("/api/listings", """{"title": "", "description": "", "price": -1}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["categorySlug", "description", "price", "title"], fields);
        Assert.Equal(JsonValueKind.String, problem.GetProperty("traceId").ValueKind);
    }

    [Theory]
    [InlineData("""{"title": "", "description": "d", "price": "-1"}""")]
    [InlineData("""{"title": "", "description": "d", "price": "-1.00", "categorySlug": null}""")]
    [InlineData("""{"title": "   ", "description": "d", "price": "12.345"}""")]
    public async Task Every_field_problem_of_a_request_comes_in_one_answer_a_negative_price_string_too(string body)
    {
        var seller = await App.SignUpAsync();
        var before = await App.CountListingsAsync();

        using var response = await seller.Client.PostJsonAsync("/api/listings", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["categorySlug", "price", "title"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(before, await App.CountListingsAsync());
    }
}
