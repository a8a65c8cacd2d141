using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Categories;
using Marketplace.Contracts.Listings;
using Marketplace.Tests.Api;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Worker;

/// <summary>
/// <c>seed-demo</c>: the built worker loads the demo marketplace through a real Api process (a real PostgreSQL, a real
/// Azurite), and a visitor then finds it through the Api's search as the pages would: listings across the categories,
/// with photos that were processed and stored, some sold.
/// </summary>
public sealed partial class SeedDemoCommandTests(CurrentDatabaseTemplate template) : IClassFixture<CurrentDatabaseTemplate>
{
    [Fact]
    public async Task It_loads_the_demo_through_the_Api_a_visitor_finds_it_with_photos_a_second_run_adds_nothing_and_a_third_completes_what_is_missing()
    {
        await using var database = await template.CopyAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        var azurite = await AzuriteServer.SharedAsync();
        var container = AzuriteServer.NewContainerName();
        await using var api = ApiProcess.Start(new Dictionary<string, string?>(azurite.Environment(container))
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__marketplacedb"] = database.ConnectionString,
        });
        await api.WaitUntilReadyAsync();
        var worker = new Dictionary<string, string?>
        {
            ["ConnectionStrings__marketplacedb"] = database.ConnectionString,
            ["DOTNET_ENVIRONMENT"] = "Development",
        };

        var first = await WorkerRunner.RunProcessAsync(worker, ["seed-demo", "--api", api.BaseAddress.ToString(), "--show-password"], Ct);

        Assert.True(first.ExitCode == 0, $"{first}\nApi:\n{api.Output}");
        Assert.Contains(": added 20 sellers, 36 subcategories, 200 listings and ", first.Output, StringComparison.Ordinal);
        var signIn = ShownSignIn().Match(first.Output);
        Assert.True(signIn.Success, first.Output);
        var (email, password) = (signIn.Groups["email"].Value, signIn.Groups["password"].Value);
        // The password is the run's answer to whoever asked for it, never a log line.
        Assert.DoesNotContain(password, first.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(password, api.Output, StringComparison.Ordinal);

        // A visitor, signed out, pages through the search as the pages do.
        using var visitor = new HttpClient { BaseAddress = api.BaseAddress };
        var active = await AllAsync(visitor, "/api/listings?limit=100");
        var sold = await AllAsync(visitor, "/api/listings?status=Sold&limit=100");
        Assert.Equal(200, active.Count + sold.Count);
        Assert.InRange(sold.Count, 10, 40);
        Assert.Equal(20, active.Concat(sold).Select(l => l.SellerId).Distinct().Count());
        var withPhotos = active.Where(l => l.ThumbnailUrl is not null).ToList();
        Assert.InRange(withPhotos.Count, active.Count * 9 / 10, active.Count);
        Assert.Contains(active, l => l.Price == 0);
        Assert.Contains(active, l => l.Title.Contains("Donaudampfschifffahrtsgesellschaftskapitänsmütze", StringComparison.Ordinal));
        Assert.Contains(active, l => l.Title.Length > 150);
        Assert.Contains(active, l => l.Description.Length > 600);
        Assert.Contains(active, l => l.Description.Length < 80);
        // Weeks of listings, not a minute's: the newest first, the oldest weeks ago.
        Assert.True(active.Max(l => l.CreatedAt) - active.Min(l => l.CreatedAt) > TimeSpan.FromDays(14));

        // Every base category has listings, filed under the demo's subcategories, which the tree now shows.
        var tree = await (await visitor.GetAsync("/api/categories", Ct)).ReadAsync<List<CategoryResponse>>();
        Assert.Equal(10, tree.Count);
        foreach (var category in tree)
        {
            Assert.NotEmpty(category.Children);
            var inCategory = await (await visitor.GetAsync($"/api/listings?categorySlug={category.Slug}&limit=100", Ct)).ReadAsync<ListingPage>();
            Assert.NotEmpty(inCategory.Items);
        }

        Assert.Contains(active, l => l.CategorySlug == "phones-and-tablets");
        var found = await (await visitor.GetAsync("/api/listings?q=Donaudampfschifffahrtsgesellschaftskapitänsmütze&categorySlug=clothing", Ct)).ReadAsync<ListingPage>();
        Assert.Single(found.Items);

        // The photos went the way of every upload: processed into WebP renditions in blob storage, served to anyone.
        var listing = await (await visitor.GetAsync($"/api/listings/{withPhotos[0].Id}", Ct)).ReadAsync<ListingResponse>();
        Assert.NotEmpty(listing.Images!);
        using var thumbnail = await visitor.GetAsync(listing.ThumbnailUrl, Ct);
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/webp", thumbnail.Content.Headers.ContentType?.MediaType);
        using (var image = TestImages.Decode(await thumbnail.Content.ReadAsByteArrayAsync(Ct)))
        {
            Assert.Equal(320, Math.Max(image.Width, image.Height));
        }

        var blobs = await azurite.BlobNamesAsync(container);
        var photos = await db.ScalarAsync<long>("""SELECT count(*) FROM "ListingImage" """, Ct);
        Assert.Equal(photos * 2, blobs.Count);
        Assert.InRange(photos, 220, 450);

        // The shown password signs in through the Api's own login.
        using var login = await visitor.PostAsJsonAsync("/api/auth/login", new LoginRequest { Email = email, Password = password }, Ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);

        var second = await WorkerRunner.RunProcessAsync(worker, ["seed-demo", "--api", api.BaseAddress.ToString()], Ct);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("already loaded", second.Output, StringComparison.Ordinal);
        Assert.Contains("nothing added", second.Output, StringComparison.Ordinal);
        Assert.Contains("Forgot password", second.Output, StringComparison.Ordinal);
        Assert.Equal(200, (await AllAsync(visitor, "/api/listings?limit=100")).Count + (await AllAsync(visitor, "/api/listings?status=Sold&limit=100")).Count);
        Assert.Equal(photos, await db.ScalarAsync<long>("""SELECT count(*) FROM "ListingImage" """, Ct));
        Assert.Equal(blobs.Count, (await azurite.BlobNamesAsync(container)).Count);

        // A run that stopped part-way (here: three of a seller's listings never made) is completed by the next, which
        // signs in as that seller with a new password, since it cannot know the old one.
        await db.ExecuteAsync($"""
            WITH gone AS (SELECT l."Id" FROM "Listing" l JOIN "User" u ON u."Id" = l."SellerId"
                          WHERE u."Email" = '{email}' ORDER BY l."Id" DESC LIMIT 3)
            DELETE FROM "ListingImage" WHERE "ListingId" IN (SELECT "Id" FROM gone)
            """, Ct);
        await db.ExecuteAsync($"""
            DELETE FROM "Listing" WHERE "Id" IN (SELECT l."Id" FROM "Listing" l JOIN "User" u ON u."Id" = l."SellerId"
                                                 WHERE u."Email" = '{email}' ORDER BY l."Id" DESC LIMIT 3)
            """, Ct);

        var third = await WorkerRunner.RunProcessAsync(worker, ["seed-demo", "--api", api.BaseAddress.ToString(), "--show-password"], Ct);

        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Contains(": added 3 listings and ", third.Output, StringComparison.Ordinal);
        Assert.Equal(200, (await AllAsync(visitor, "/api/listings?limit=100")).Count + (await AllAsync(visitor, "/api/listings?status=Sold&limit=100")).Count);
        var renewed = ShownSignIn().Match(third.Output);
        Assert.Equal(email, renewed.Groups["email"].Value);
        using var oldPassword = await visitor.PostAsJsonAsync("/api/auth/login", new LoginRequest { Email = email, Password = password }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        using var newPassword = await visitor.PostAsJsonAsync("/api/auth/login", new LoginRequest { Email = email, Password = renewed.Groups["password"].Value }, Ct);
        Assert.Equal(HttpStatusCode.OK, newPassword.StatusCode);
    }

    [Fact]
    public async Task Outside_Development_it_is_refused_with_exit_code_2_and_changes_nothing()
    {
        await using var database = await template.CopyAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        var categoriesBefore = await db.ScalarAsync<long>("""SELECT count(*) FROM "Category" """, Ct);

        var result = await WorkerRunner.RunProcessAsync(
            new Dictionary<string, string?>
            {
                ["ConnectionStrings__marketplacedb"] = database.ConnectionString,
                ["DOTNET_ENVIRONMENT"] = "Production",
            },
            ["seed-demo", "--api", "http://127.0.0.1:9"],
            Ct);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("seed-demo runs only in the Development environment, and this worker runs in Production", result.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await db.ScalarAsync<long>("""SELECT count(*) FROM "User" """, Ct));
        Assert.Equal(categoriesBefore, await db.ScalarAsync<long>("""SELECT count(*) FROM "Category" """, Ct));
    }

    private static async Task<List<ListingResponse>> AllAsync(HttpClient visitor, string search)
    {
        var listings = new List<ListingResponse>();
        string? cursor = null;
        do
        {
            var page = await (await visitor.GetAsync(cursor is null ? search : $"{search}&cursor={Uri.EscapeDataString(cursor)}", Ct)).ReadAsync<ListingPage>();
            listings.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return listings;
    }

    [GeneratedRegex(@"with the email (?<email>\S+@\S+) and the password (?<password>\S+) \(")]
    private static partial Regex ShownSignIn();
}
