using System.Net;
using Marketplace.Contracts.Listings;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// Text PostgreSQL cannot store (a NUL character) and text that is not text (an unpaired UTF-16 surrogate), in any
/// field of any endpoint, is a 400 problem naming that field, and nothing is written: not the 500 a NUL used to reach
/// from PostgreSQL (22021).
/// </summary>
public sealed class StorableTextTests(SharedApi shared) : IClassFixture<SharedApi>
{
    private ApiApp App => shared.App;

    public static TheoryData<string, string, string, string> BadBodies
    {
        get
        {
            var data = new TheoryData<string, string, string, string>();
            // A NUL, a lone high surrogate, and a lone low surrogate after a valid pair, each as the JSON escape a client sends.
            foreach (var bad in new[] { @"\u0000", @"\ud800", @"\ud83d\ude00\udc00" })
            {
                // method and path ({id} is a listing of the caller's), body, the field the problem must name
                data.Add("POST", "/api/auth/register", $$"""{"email": "a{{bad}}b@example.com", "password": "correct horse", "displayName": "A"}""", "email");
                data.Add("POST", "/api/auth/register", $$"""{"email": "ab@example.com", "password": "correct horse", "displayName": "A{{bad}}"}""", "displayName");
                data.Add("POST", "/api/auth/register", $$"""{"email": "ab@example.com", "password": "correct{{bad}}horse", "displayName": "A"}""", "password");
                data.Add("POST", "/api/auth/login", $$"""{"email": "a{{bad}}b@example.com", "password": "correct horse"}""", "email");
                data.Add("POST", "/api/listings", $$"""{"title": "Lamp{{bad}}", "description": "d", "price": 1, "categorySlug": "toys"}""", "title");
                data.Add("POST", "/api/listings", $$"""{"title": "Lamp", "description": "{{bad}}", "price": 1, "categorySlug": "toys"}""", "description");
                data.Add("POST", "/api/listings", $$"""{"title": "Lamp", "description": "d", "price": 1, "categorySlug": "toys{{bad}}"}""", "categorySlug");
                data.Add("POST", "/api/listings", $$"""{"title": "Lamp", "description": "d", "price": "1{{bad}}", "categorySlug": "toys"}""", "price");
                data.Add("PUT", "/api/listings/{id}", $$"""{"title": "Lamp", "description": "d{{bad}}", "price": 1, "categorySlug": "toys"}""", "description");
                // Unknown fields never bind, but they are text in the request all the same.
                data.Add("POST", "/api/listings", $$"""{"title": "Lamp", "description": "d", "price": 1, "categorySlug": "toys", "note": ["{{bad}}"]}""", "note");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_text_in_a_JSON_field_is_a_400_naming_the_field_and_nothing_is_written(string method, string path, string body, string field)
    {
        var seller = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync(title: "Original");
        var before = await App.Db.ScalarAsync<string>(
            """SELECT (SELECT count(*) FROM "User") || '|' || (SELECT count(*) FROM "Listing") || '|' || (SELECT string_agg("Description", ',' ORDER BY "Id") FROM "Listing")""", Ct);

        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", $"{listing.Id}", StringComparison.Ordinal)) { Content = RawJson(body) };
        using var response = await seller.Client.SendAsync(request, Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Contains(body.Contains(@"\u0000", StringComparison.Ordinal) ? "NUL" : "surrogate",
            problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await App.Db.ScalarAsync<string>(
            """SELECT (SELECT count(*) FROM "User") || '|' || (SELECT count(*) FROM "Listing") || '|' || (SELECT string_agg("Description", ',' ORDER BY "Id") FROM "Listing")""", Ct));
    }

    [Theory]
    [InlineData("/api/listings?q=lamp%00", "q")]
    [InlineData("/api/listings?categorySlug=%00", "categorySlug")]
    [InlineData("/api/listings?sort=newest%00", "sort")]
    [InlineData("/api/listings?cursor=%00", "cursor")]
    [InlineData("/api/listings?tag=%00", "tag")]
    [InlineData("/api/categories?q=%00", "q")]
    [InlineData("/api/listings/1?q=%00", "q")]
    public async Task A_NUL_in_a_query_string_value_is_a_400_naming_the_parameter(string url, string parameter)
    {
        using var client = App.CreateClient();

        using var response = await client.GetAsync(url, Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, parameter);
        Assert.Contains("NUL", problem.GetProperty("errors").GetProperty(parameter)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_NUL_in_a_query_string_value_of_a_write_refuses_it_before_it_is_written()
    {
        var seller = await App.SignUpAsync();
        var before = await App.CountListingsAsync();

        using var response = await seller.Client.PostAsync("/api/listings?source=%00",
            RawJson("""{"title": "Lamp", "description": "d", "price": 1, "categorySlug": "toys"}"""), Ct);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "source");
        Assert.Equal(before, await App.CountListingsAsync());
    }

    [Fact]
    public async Task Text_outside_the_Basic_Multilingual_Plane_and_escaped_characters_are_stored_as_sent()
    {
        var seller = await App.SignUpAsync();

        using var response = await seller.Client.PostJsonAsync("/api/listings",
            """{"title": "Lamp \ud83d\udca1 \u00e9\t", "description": "Ŝtona \"lampo\"", "price": 1, "categorySlug": "toys"}""");

        var created = await response.ReadAsync<Marketplace.Contracts.Listings.ListingResponse>(HttpStatusCode.Created);
        Assert.Equal("Lamp 💡 é", created.Title);
        Assert.Equal("Lamp 💡 é|Ŝtona \"lampo\"", await App.Db.ScalarAsync<string>(
            $"""SELECT "Title" || '|' || "Description" FROM "Listing" WHERE "Id" = {created.Id}""", Ct));
    }
}
