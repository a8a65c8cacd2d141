using System.Net;
using System.Security.Cryptography;
using Marketplace.Api.Listings;
using Marketplace.Contracts.Listings;
using Marketplace.Data.Entities;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>GET /api/listings: filters, sorts and keyset pagination. Each test works on listings of its own seller.</summary>
public sealed class ListingSearchTests(SharedApi shared) : IClassFixture<SharedApi>
{
    private ApiApp App => shared.App;

    public static TheoryData<string, string> Sorts => new()
    {
        { "newest", """ "CreatedAt" DESC, "Id" DESC """ },
        { "price_asc", """ "Price", "Id" """ },
        { "price_desc", """ "Price" DESC, "Id" DESC """ },
    };

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task Paging_through_a_sort_visits_every_listing_once_in_order_even_with_ties(string sort, string orderBy)
    {
        var seller = await App.InsertUserAsync();
        // 53 listings; prices repeat every 6 and creation times every 4, so both sort keys have ties to break.
        await App.Db.ExecuteAsync($"""
            INSERT INTO "Listing" ("Title", "Description", "Price", "Category", "CategoryId", "Status", "SellerId", "CreatedAt", "UpdatedAt")
            SELECT 'Item ' || i, 'Numbered item', (i % 6) * 5, 'toys', (SELECT "Id" FROM "Category" WHERE "Slug" = 'toys'), 'active', '{seller}',
                   timestamptz '2026-01-01' + (i / 4) * interval '1 second', now()
            FROM generate_series(1, 53) AS i
            """, Ct);
        var expected = await App.Db.ColumnAsync($"""SELECT "Id" FROM "Listing" WHERE "SellerId" = '{seller}' ORDER BY {orderBy}""", Ct);

        var seen = await PageThroughAsync($"/api/listings?sellerId={seller}&sort={sort}&limit=7");

        Assert.Equal(expected, seen.Select(l => l.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    public static TheoryData<string, string> BackwardSorts => new()
    {
        { "newest", "" },
        { "newest", "&minPrice=5&maxPrice=20" }, // the two-step page (ids from the index first)
        { "price_asc", "" },
        { "price_desc", "&minPrice=5" },
    };

    [Theory]
    [MemberData(nameof(BackwardSorts))]
    public async Task Previous_pages_walk_back_through_the_same_pages_in_order_and_the_first_has_no_previous(string sort, string filter)
    {
        var seller = await App.InsertUserAsync();
        await App.Db.ExecuteAsync($"""
            INSERT INTO "Listing" ("Title", "Description", "Price", "Category", "CategoryId", "Status", "SellerId", "CreatedAt", "UpdatedAt")
            SELECT 'Item ' || i, 'Numbered item', (i % 6) * 5, 'toys', (SELECT "Id" FROM "Category" WHERE "Slug" = 'toys'), 'active', '{seller}',
                   timestamptz '2026-01-01' + (i / 4) * interval '1 second', now()
            FROM generate_series(1, 40) AS i
            """, Ct);
        var first = $"/api/listings?sellerId={seller}&sort={sort}&limit=6{filter}";
        using var anonymous = App.CreateClient();

        var forward = new List<ListingPage> { await (await anonymous.GetAsync(first, Ct)).ReadAsync<ListingPage>() };
        while (forward[^1].NextCursor is { } next)
        {
            forward.Add(await (await anonymous.GetAsync($"{first}&cursor={Uri.EscapeDataString(next)}", Ct)).ReadAsync<ListingPage>());
        }

        var backward = new List<ListingPage> { forward[^1] };
        while (backward[^1].PreviousCursor is { } previous)
        {
            backward.Add(await (await anonymous.GetAsync($"{first}&cursor={Uri.EscapeDataString(previous)}", Ct)).ReadAsync<ListingPage>());
        }

        Assert.True(forward.Count > 2, $"{forward.Count} pages");
        Assert.Null(forward[0].PreviousCursor);
        Assert.All(forward.Skip(1), page => Assert.NotNull(page.PreviousCursor));
        Assert.Equal(forward.Select(Ids), Enumerable.Reverse(backward).Select(Ids));
        // Back on the first page, Next goes where it went the first time.
        Assert.NotNull(backward[^1].NextCursor);
        var again = await (await anonymous.GetAsync($"{first}&cursor={Uri.EscapeDataString(backward[^1].NextCursor!)}", Ct)).ReadAsync<ListingPage>();
        Assert.Equal(Ids(forward[1]), Ids(again));

        static string Ids(ListingPage page) => string.Join(",", page.Items.Select(l => l.Id));
    }

    [Fact]
    public async Task Previous_from_a_page_near_the_start_answers_the_whole_first_page()
    {
        var seller = await App.SignUpAsync();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await seller.CreateListingAsync(title: $"Near start {i}")).Id);
        }

        using var anonymous = App.CreateClient();
        var first = await (await anonymous.GetAsync($"/api/listings?sellerId={seller.Id}&limit=3", Ct)).ReadAsync<ListingPage>();
        var second = await (await anonymous.GetAsync($"/api/listings?sellerId={seller.Id}&limit=3&cursor={first.NextCursor}", Ct)).ReadAsync<ListingPage>();
        // The newest is archived meanwhile: two listings are left before the second page, so Previous shows a full first page.
        (await seller.Client.DeleteAsync($"/api/listings/{ids[4]}", Ct)).EnsureSuccessStatusCode();
        var back = await (await anonymous.GetAsync($"/api/listings?sellerId={seller.Id}&limit=3&cursor={second.PreviousCursor}", Ct)).ReadAsync<ListingPage>();

        Assert.Equal([ids[3], ids[2], ids[1]], back.Items.Select(l => l.Id));
        Assert.Null(back.PreviousCursor);
        Assert.NotNull(back.NextCursor);
    }

    [Fact]
    public async Task Listings_created_between_two_pages_cause_neither_a_duplicate_nor_a_gap()
    {
        var seller = await App.SignUpAsync();
        var originals = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            originals.Add((await seller.CreateListingAsync(title: $"Original {i}")).Id);
        }

        using var anonymous = App.CreateClient();
        var first = await (await anonymous.GetAsync($"/api/listings?sellerId={seller.Id}&limit=4", Ct)).ReadAsync<ListingPage>();
        await seller.CreateListingAsync(title: "Newer than the cursor");
        var second = await (await anonymous.GetAsync($"/api/listings?sellerId={seller.Id}&limit=4&cursor={first.NextCursor}", Ct)).ReadAsync<ListingPage>();

        var seen = first.Items.Concat(second.Items).Select(l => l.Id).ToList();
        Assert.Equal(originals.OrderDescending(), seen);
        Assert.Null(second.NextCursor);
    }

    public static TheoryData<string> ForgedCursors => new() { "tampered", "truncated", "random bytes", "not base64", "made for another sort" };

    [Theory]
    [MemberData(nameof(ForgedCursors))]
    public async Task A_cursor_the_search_did_not_issue_for_this_sort_is_a_400_naming_cursor(string kind)
    {
        var seller = await App.SignUpAsync();
        for (var i = 0; i < 3; i++)
        {
            await seller.CreateListingAsync(price: 10 + i);
        }

        using var anonymous = App.CreateClient();
        var page = await (await anonymous.GetAsync($"/api/listings?sellerId={seller.Id}&sort=price_asc&limit=1", Ct)).ReadAsync<ListingPage>();
        var real = page.NextCursor!;
        var middle = real.Length / 2;
        var cursor = kind switch
        {
            "tampered" => real[..middle] + (real[middle] == 'A' ? 'B' : 'A') + real[(middle + 1)..],
            "truncated" => real[..^2],
            "random bytes" => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(50)),
            "not base64" => "this is not a cursor!",
            _ => real,
        };
        var sort = kind == "made for another sort" ? "price_desc" : "price_asc";

        using var response = await anonymous.GetAsync($"/api/listings?sellerId={seller.Id}&sort={sort}&cursor={Uri.EscapeDataString(cursor)}", Ct);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "cursor");
    }

    [Fact]
    public async Task A_category_covers_its_subcategories_and_a_subcategory_only_itself()
    {
        var seller = await App.SignUpAsync();
        var garden = UniqueSlug("garden");
        var tools = UniqueSlug("tools");
        await App.AddCategoryAsync(garden, parentSlug: "home-and-garden");
        await App.AddCategoryAsync(tools, parentSlug: garden);
        var inGarden = await seller.CreateListingAsync(title: "Rake", categorySlug: garden);
        var inTools = await seller.CreateListingAsync(title: "Spade", categorySlug: tools);
        await seller.CreateListingAsync(title: "Chair", categorySlug: "furniture");

        Assert.Equal([inTools.Id, inGarden.Id], await IdsAsync($"categorySlug={garden}&sellerId={seller.Id}"));
        Assert.Equal([inTools.Id], await IdsAsync($"categorySlug={tools}&sellerId={seller.Id}"));
        Assert.Equal([inTools.Id, inGarden.Id], await IdsAsync($"categorySlug=home-and-garden&sellerId={seller.Id}"));
        Assert.Equal([inTools.Id, inGarden.Id], await IdsAsync($"category=HomeAndGarden&sellerId={seller.Id}"));
    }

    [Fact]
    public async Task Price_bounds_are_inclusive()
    {
        var seller = await App.SignUpAsync();
        var ten = await seller.CreateListingAsync(price: 10m);
        var twenty = await seller.CreateListingAsync(price: 20m);
        await seller.CreateListingAsync(price: 20.01m);
        await seller.CreateListingAsync(price: 9.99m);

        Assert.Equal([ten.Id, twenty.Id], await IdsAsync($"minPrice=10&maxPrice=20&sort=price_asc&sellerId={seller.Id}"));
    }

    [Fact]
    public async Task Searching_by_status_finds_sold_listings_and_the_default_is_active_only()
    {
        var seller = await App.SignUpAsync();
        var active = await seller.CreateListingAsync(title: "Still for sale");
        var sold = await seller.CreateListingAsync(title: "Gone");
        using var put = await seller.Client.PutAsync($"/api/listings/{sold.Id}",
            RawJson("""{"title": "Gone", "description": "d", "price": 5, "categorySlug": "toys", "status": "Sold"}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        await seller.CreateListingAsync(title: "Not yet", status: "Draft");

        Assert.Equal([active.Id], await IdsAsync($"sellerId={seller.Id}"));
        Assert.Equal([sold.Id], await IdsAsync($"sellerId={seller.Id}&status=Sold"));
    }

    [Fact]
    public async Task Text_search_matches_words_in_the_title_or_description_with_stemming_and_web_syntax()
    {
        var seller = await App.SignUpAsync();
        var bike = await seller.CreateListingAsync(title: "Vintage racing bicycle", description: "Steel frame, new tyres.");
        var table = await seller.CreateListingAsync(title: "Kitchen table", description: "Seats four; comes with a bicycle pump.");
        await seller.CreateListingAsync(title: "Armchair", description: "Green velvet.");

        Assert.Equal([table.Id, bike.Id], await IdsAsync($"q=bicycles&sellerId={seller.Id}"));
        Assert.Equal([bike.Id], await IdsAsync($"q={Uri.EscapeDataString("bicycle -kitchen")}&sellerId={seller.Id}"));
        Assert.Equal([bike.Id], await IdsAsync($"q={Uri.EscapeDataString("\"steel frame\"")}&sellerId={seller.Id}"));
        Assert.Empty(await IdsAsync($"q=submarine&sellerId={seller.Id}"));
    }

    [Fact]
    public async Task Text_search_follows_an_edit_of_the_title_or_description()
    {
        var seller = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync(title: "Oak bookcase", description: "Five shelves.");
        Assert.Equal([listing.Id], await IdsAsync($"q=bookcase&sellerId={seller.Id}"));

        using var put = await seller.Client.PutAsync($"/api/listings/{listing.Id}",
            RawJson("""{"title": "Pine wardrobe", "description": "Two doors, one mirror.", "price": 40, "categorySlug": "furniture"}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        Assert.Empty(await IdsAsync($"q=bookcase&sellerId={seller.Id}"));
        Assert.Equal([listing.Id], await IdsAsync($"q=wardrobe&sellerId={seller.Id}"));
        Assert.Equal([listing.Id], await IdsAsync($"q=mirrors&sellerId={seller.Id}"));
    }

    public static TheoryData<string, string> BadQueries => new()
    {
        { "limit=0", "limit" },
        { "limit=101", "limit" },
        { "limit=-5", "limit" },
        { "limit=ten", "limit" },
        { "sort=cheapest", "sort" },
        { "categorySlug=spaceships", "categorySlug" },
        { "category=Spaceships", "category" },
        { "category=99", "category" },
        { "status=Draft", "status" },
        { "status=Archived", "status" },
        { "status=Gone", "status" },
        { "minPrice=cheap", "minPrice" },
        { "minPrice=-1", "minPrice" },
        { "minPrice=50&maxPrice=10", "maxPrice" },
        { "maxPrice=10000000000", "maxPrice" },
        { "sellerId=not-a-guid", "sellerId" },
        { "q=" + new string('q', 201), "q" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task A_bad_query_parameter_is_a_400_problem_naming_it(string query, string field)
    {
        using var anonymous = App.CreateClient();

        using var response = await anonymous.GetAsync($"/api/listings?{query}", Ct);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_page_holds_at_most_limit_items_and_the_default_is_twenty()
    {
        var seller = await App.InsertUserAsync();
        await App.Db.ExecuteAsync($"""
            INSERT INTO "Listing" ("Title", "Description", "Price", "Category", "CategoryId", "Status", "SellerId")
            SELECT 'Item ' || i, 'd', i, 'toys', (SELECT "Id" FROM "Category" WHERE "Slug" = 'toys'), 'active', '{seller}'
            FROM generate_series(1, 25) AS i
            """, Ct);
        using var anonymous = App.CreateClient();

        var byDefault = await (await anonymous.GetAsync($"/api/listings?sellerId={seller}", Ct)).ReadAsync<ListingPage>();
        var three = await (await anonymous.GetAsync($"/api/listings?sellerId={seller}&limit=3", Ct)).ReadAsync<ListingPage>();

        Assert.Equal(20, byDefault.Items.Count);
        Assert.NotNull(byDefault.NextCursor);
        Assert.Equal(3, three.Items.Count);
    }

    private async Task<List<ListingResponse>> PageThroughAsync(string firstPage)
    {
        using var anonymous = App.CreateClient();
        var seen = new List<ListingResponse>();
        string? cursor = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var url = cursor is null ? firstPage : $"{firstPage}&cursor={cursor}";
            var page = await (await anonymous.GetAsync(url, Ct)).ReadAsync<ListingPage>();
            seen.AddRange(page.Items);
            if (page.NextCursor is null)
            {
                return seen;
            }

            cursor = page.NextCursor;
        }

        throw new InvalidOperationException("Paging did not end.");
    }

    private async Task<List<long>> IdsAsync(string query)
    {
        using var anonymous = App.CreateClient();
        var page = await (await anonymous.GetAsync($"/api/listings?{query}", Ct)).ReadAsync<ListingPage>();
        return page.Items.Select(l => l.Id).ToList();
    }
}
