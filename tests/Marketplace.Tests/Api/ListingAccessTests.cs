using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Marketplace.Api.Auth;
using Marketplace.Api.Images;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Marketplace.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// Who may see or act on a listing in each of its states: every operation on one listing, for a listing in each state,
/// sent by its seller, another account, an admin and (for reads) nobody signed in. The security table holds who may call
/// each operation on an active listing; this holds what a listing's state changes. Each cell acts on a listing of its own.
/// </summary>
public sealed class ListingAccessTests(ImagesApi shared) : IClassFixture<ImagesApi>
{
    private ApiApp App => shared.App;

    public enum State
    {
        Draft,
        Active,
        Sold,
        Archived,

        /// <summary>Active, then removed by an admin.</summary>
        Removed,

        /// <summary>No listing has the id.</summary>
        Missing,

        /// <summary>Active, and its seller suspended by an admin (so the seller's own token is refused too).</summary>
        SellerSuspended,
    }

    private enum Caller
    {
        Anonymous,
        Seller,
        Buyer,
        Admin,
    }

    /// <summary>
    /// operation, state, then the answers of nobody | the seller | another account | an admin: a status, and for a
    /// conflict the problem's title (what tells one refusal from another).
    /// </summary>
    public static TheoryData<string, State, string> Cells => new()
    {
        { "GetListing", State.Draft, "404 | 200 | 404 | 200" },
        { "GetListing", State.Active, "200 | 200 | 200 | 200" },
        { "GetListing", State.Sold, "200 | 200 | 200 | 200" },
        { "GetListing", State.Archived, "404 | 200 | 404 | 200" },
        { "GetListing", State.Removed, "404 | 200 | 404 | 200" },
        { "GetListing", State.Missing, "404 | 404 | 404 | 404" },
        { "GetListing", State.SellerSuspended, "404 | 404 | 404 | 200" },

        // 200 public to anyone, or private to the seller and admins.
        { "GetImage", State.Draft, "404 | 200 private | 404 | 200 private" },
        { "GetImage", State.Active, "200 public | 200 public | 200 public | 200 public" },
        { "GetImage", State.Sold, "200 public | 200 public | 200 public | 200 public" },
        { "GetImage", State.Archived, "404 | 200 private | 404 | 200 private" },
        { "GetImage", State.Removed, "404 | 200 private | 404 | 200 private" },
        { "GetImage", State.Missing, "404 | 404 | 404 | 404" },
        { "GetImage", State.SellerSuspended, "404 | 404 | 404 | 200 private" },

        { "UpdateListing", State.Draft, "401 | 200 | 404 | 404" },
        { "UpdateListing", State.Active, "401 | 200 | 404 | 404" },
        { "UpdateListing", State.Sold, "401 | 200 | 404 | 404" },
        { "UpdateListing", State.Archived, "401 | 409 Listing archived. | 404 | 404" },
        { "UpdateListing", State.Removed, "401 | 200 | 404 | 404" },
        { "UpdateListing", State.Missing, "401 | 404 | 404 | 404" },
        { "UpdateListing", State.SellerSuspended, "401 | 401 | 404 | 404" },

        { "ArchiveListing", State.Draft, "401 | 204 | 404 | 404" },
        { "ArchiveListing", State.Active, "401 | 204 | 404 | 404" },
        { "ArchiveListing", State.Sold, "401 | 204 | 404 | 404" },
        { "ArchiveListing", State.Archived, "401 | 204 | 404 | 404" },
        { "ArchiveListing", State.Removed, "401 | 204 | 404 | 404" },
        { "ArchiveListing", State.Missing, "401 | 404 | 404 | 404" },
        { "ArchiveListing", State.SellerSuspended, "401 | 401 | 404 | 404" },

        { "RelistListing", State.Draft, "401 | 409 Listing not archived. | 404 | 404" },
        { "RelistListing", State.Active, "401 | 200 | 404 | 404" },
        { "RelistListing", State.Sold, "401 | 409 Listing not archived. | 404 | 404" },
        { "RelistListing", State.Archived, "401 | 200 | 404 | 404" },
        { "RelistListing", State.Removed, "401 | 409 Listing removed. | 404 | 404" },
        { "RelistListing", State.Missing, "401 | 404 | 404 | 404" },
        { "RelistListing", State.SellerSuspended, "401 | 401 | 404 | 404" },

        { "DeleteDraftListing", State.Draft, "401 | 204 | 404 | 404" },
        { "DeleteDraftListing", State.Active, "401 | 409 Listing published. | 404 | 404" },
        { "DeleteDraftListing", State.Sold, "401 | 409 Listing published. | 404 | 404" },
        { "DeleteDraftListing", State.Archived, "401 | 409 Listing published. | 404 | 404" },
        { "DeleteDraftListing", State.Removed, "401 | 409 Listing removed. | 404 | 404" },
        { "DeleteDraftListing", State.Missing, "401 | 404 | 404 | 404" },
        { "DeleteDraftListing", State.SellerSuspended, "401 | 401 | 404 | 404" },

        { "UploadListingImages", State.Draft, "401 | 201 | 404 | 404" },
        { "UploadListingImages", State.Active, "401 | 201 | 404 | 404" },
        { "UploadListingImages", State.Sold, "401 | 201 | 404 | 404" },
        { "UploadListingImages", State.Archived, "401 | 409 Listing archived. | 404 | 404" },
        { "UploadListingImages", State.Removed, "401 | 201 | 404 | 404" },
        { "UploadListingImages", State.Missing, "401 | 404 | 404 | 404" },
        { "UploadListingImages", State.SellerSuspended, "401 | 401 | 404 | 404" },

        { "ReorderListingImages", State.Draft, "401 | 200 | 404 | 404" },
        { "ReorderListingImages", State.Active, "401 | 200 | 404 | 404" },
        { "ReorderListingImages", State.Sold, "401 | 200 | 404 | 404" },
        { "ReorderListingImages", State.Archived, "401 | 200 | 404 | 404" },
        { "ReorderListingImages", State.Removed, "401 | 200 | 404 | 404" },
        { "ReorderListingImages", State.Missing, "401 | 404 | 404 | 404" },
        { "ReorderListingImages", State.SellerSuspended, "401 | 401 | 404 | 404" },

        { "UpdateListingImage", State.Draft, "401 | 200 | 404 | 404" },
        { "UpdateListingImage", State.Active, "401 | 200 | 404 | 404" },
        { "UpdateListingImage", State.Sold, "401 | 200 | 404 | 404" },
        { "UpdateListingImage", State.Archived, "401 | 200 | 404 | 404" },
        { "UpdateListingImage", State.Removed, "401 | 200 | 404 | 404" },
        { "UpdateListingImage", State.Missing, "401 | 404 | 404 | 404" },
        { "UpdateListingImage", State.SellerSuspended, "401 | 401 | 404 | 404" },

        { "DeleteListingImage", State.Draft, "401 | 204 | 404 | 404" },
        { "DeleteListingImage", State.Active, "401 | 204 | 404 | 404" },
        { "DeleteListingImage", State.Sold, "401 | 204 | 404 | 404" },
        { "DeleteListingImage", State.Archived, "401 | 204 | 404 | 404" },
        { "DeleteListingImage", State.Removed, "401 | 204 | 404 | 404" },
        { "DeleteListingImage", State.Missing, "401 | 404 | 404 | 404" },
        { "DeleteListingImage", State.SellerSuspended, "401 | 401 | 404 | 404" },

        // One's own listing is a conflict whatever its state: the seller knows it exists.
        { "ContactSeller", State.Draft, "401 | 409 Your own listing. | 404 | 404" },
        { "ContactSeller", State.Active, "401 | 409 Your own listing. | 202 | 202" },
        { "ContactSeller", State.Sold, "401 | 409 Your own listing. | 409 Listing sold. | 409 Listing sold." },
        { "ContactSeller", State.Archived, "401 | 409 Your own listing. | 404 | 404" },
        { "ContactSeller", State.Removed, "401 | 409 Your own listing. | 404 | 404" },
        { "ContactSeller", State.Missing, "401 | 404 | 404 | 404" },
        { "ContactSeller", State.SellerSuspended, "401 | 401 | 404 | 404" },

        { "ReportListing", State.Draft, "401 | 409 Your own listing. | 404 | 404" },
        { "ReportListing", State.Active, "401 | 409 Your own listing. | 202 | 202" },
        { "ReportListing", State.Sold, "401 | 409 Your own listing. | 202 | 202" },
        { "ReportListing", State.Archived, "401 | 409 Your own listing. | 404 | 404" },
        { "ReportListing", State.Removed, "401 | 409 Your own listing. | 404 | 404" },
        { "ReportListing", State.Missing, "401 | 404 | 404 | 404" },
        { "ReportListing", State.SellerSuspended, "401 | 401 | 404 | 404" },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_caller_gets_the_answer_of_the_listings_state(string operation, State state, string expected)
    {
        var answers = new List<string>();
        foreach (var caller in Enum.GetValues<Caller>())
        {
            var scene = await SceneAsync(state);
            using var client = App.CreateClient();
            if (await TokenAsync(caller, scene.Seller) is { } token)
            {
                client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            }

            using var request = Request(operation, scene);
            using var response = await client.SendAsync(request, Ct);
            answers.Add(await AnswerAsync(operation, response));
        }

        Assert.Equal(expected, string.Join(" | ", answers));
    }

    /// <summary>The status, with a conflict's title, or with a photo's cacheability.</summary>
    private static async Task<string> AnswerAsync(string operation, HttpResponseMessage response)
    {
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            return $"{status} {problem.RootElement.GetProperty("title").GetString()}";
        }

        return operation == "GetImage" && response.IsSuccessStatusCode
            ? $"{status} {(response.Headers.CacheControl?.Public == true ? "public" : response.Headers.CacheControl?.Private == true ? "private" : "neither")}"
            : status;
    }

    private sealed record Scene(User Seller, long ListingId, long ImageId, string ImagePath);

    private static HttpRequestMessage Request(string operation, Scene s)
    {
        var listing = $"/api/listings/{s.ListingId}";
        return operation switch
        {
            "GetListing" => new(HttpMethod.Get, listing),
            "GetImage" => new(HttpMethod.Get, s.ImagePath),
            "UpdateListing" => Json(HttpMethod.Put, listing, new { title = "Oak chair", description = "Sturdy.", price = "35.00", categorySlug = "furniture" }),
            "ArchiveListing" => new(HttpMethod.Delete, listing),
            "RelistListing" => new(HttpMethod.Post, $"{listing}/relist"),
            "DeleteDraftListing" => new(HttpMethod.Delete, $"{listing}/draft"),
            "UploadListingImages" => new(HttpMethod.Post, $"{listing}/images")
            {
                Content = ImageUploads.Form((TestImages.Jpeg(32, 32), "access.jpg", "image/jpeg")),
            },
            "ReorderListingImages" => Json(HttpMethod.Put, $"{listing}/images/order", new { imageIds = new[] { s.ImageId } }),
            "UpdateListingImage" => Json(HttpMethod.Patch, $"{listing}/images/{s.ImageId}", new { altText = "Access" }),
            "DeleteListingImage" => new(HttpMethod.Delete, $"{listing}/images/{s.ImageId}"),
            "ContactSeller" => Json(HttpMethod.Post, $"{listing}/contact", new { message = "Still there?" }),
            "ReportListing" => Json(HttpMethod.Post, $"{listing}/reports", new { reason = "Fake." }),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        };
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, object body) =>
        new(method, path) { Content = JsonContent.Create(body, options: ApiCalls.Json) };

    /// <summary>A verified seller and a listing of theirs in <paramref name="state"/> with one photo (stored as an upload stores it).</summary>
    private async Task<Scene> SceneAsync(State state)
    {
        var seller = await UserAsync(UserRole.User, suspended: state == State.SellerSuspended);
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var category = await db.Categories.SingleAsync(c => c.Slug == "furniture", Ct);
        var listing = new Listing
        {
            Title = "Walnut desk",
            Description = "Solid walnut.",
            Price = 120m,
            CategoryId = category.Id,
            LegacyCategory = ListingCategory.Furniture,
            Status = state switch
            {
                State.Draft => ListingStatus.Draft,
                State.Sold => ListingStatus.Sold,
                State.Archived => ListingStatus.Archived,
                _ => ListingStatus.Active,
            },
            SellerId = seller.Id,
            RemovedAt = state == State.Removed ? DateTimeOffset.UtcNow : null,
            RemovalReason = state == State.Removed ? "Access table" : null,
            SellerSuspendedAt = seller.SuspendedAt,
        };
        db.Listings.Add(listing);
        await db.SaveChangesAsync(Ct);

        var hash = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var store = App.Services.GetRequiredService<IImageStore>();
        foreach (var size in new[] { 320, 1280 })
        {
            await store.PutAsync($"{hash}/{size}.webp", TestImages.WebP(40, 30), "image/webp", Ct);
        }

        var image = new ListingImage
        {
            ListingId = listing.Id,
            ContentHash = hash,
            ThumbnailBlobName = $"{hash}/320.webp",
            DisplayBlobName = $"{hash}/1280.webp",
            Width = 40,
            Height = 30,
            AltText = "Access",
        };
        db.ListingImages.Add(image);
        await db.SaveChangesAsync(Ct);

        if (state == State.Missing)
        {
            // The photo goes with the listing: its path, like the listing's id, names nothing any more.
            await db.Listings.Where(l => l.Id == listing.Id).ExecuteDeleteAsync(Ct);
        }

        return new Scene(seller, listing.Id, image.Id, $"/api/images/{hash}/320.webp");
    }

    private async Task<string?> TokenAsync(Caller caller, User seller)
    {
        var tokens = App.Services.GetRequiredService<AccessTokens>();
        return caller switch
        {
            Caller.Anonymous => null,
            Caller.Seller => await tokens.IssueAsync(App, seller),
            Caller.Buyer => await tokens.IssueAsync(App, await UserAsync(UserRole.User)),
            Caller.Admin => await tokens.IssueAsync(App, await UserAsync(UserRole.Admin)),
            _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, null),
        };
    }

    private async Task<User> UserAsync(UserRole role, bool suspended = false)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var email = $"access-{Guid.NewGuid():N}@example.com";
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            Email = email,
            NormalizedEmail = User.NormalizeEmail(email),
            DisplayName = "Access",
            PasswordHash = "not a password hash",
            Role = role,
            EmailVerifiedAt = DateTimeOffset.UtcNow,
            SuspendedAt = suspended ? DateTimeOffset.UtcNow : null,
            SuspensionReason = suspended ? "Access table" : null,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync(Ct);
        return user;
    }
}
