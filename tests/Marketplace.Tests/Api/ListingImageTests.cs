using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Marketplace.Api.Images;
using Marketplace.Contracts.Listings;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;
using static Marketplace.Tests.Api.ImageUploads;

namespace Marketplace.Tests.Api;

/// <summary>POST /api/listings/{id}/images and GET /api/images/...: photos on a real Azurite and PostgreSQL.</summary>
public sealed class ListingImageTests(ImagesApi images) : IClassFixture<ImagesApi>
{
    private ApiApp App => images.App;

    [Fact]
    public async Task A_seller_uploads_photos_and_the_listing_search_and_image_urls_show_them()
    {
        var seller = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync(title: "Green armchair " + Guid.NewGuid().ToString("N")[..8]);
        var jpeg = TestImages.Jpeg(2000, 1500);
        var png = TestImages.Png(300, 200);

        using var upload = await seller.UploadAsync(listing.Id, (jpeg, "a.jpg", "image/jpeg"), (png, "b.png", "image/png"), (TestImages.WebP(), "c.webp", "image/webp"));

        var uploaded = await upload.ReadAsync<ListingImageList>(HttpStatusCode.Created);
        Assert.Equal([0, 1, 2], uploaded.Images.Select(i => i.Position));
        var first = uploaded.Images[0];
        Assert.Equal((1280, 960, listing.Title, false), (first.Width, first.Height, first.AltText, first.External));
        Assert.Equal($"/api/images/{Sha256(jpeg)}/320.webp", first.ThumbnailUrl);
        Assert.Equal($"/api/images/{Sha256(jpeg)}/1280.webp", first.DisplayUrl);
        Assert.Equal((300, 200), (uploaded.Images[1].Width, uploaded.Images[1].Height)); // never enlarged

        var shown = await (await App.CreateClient().GetAsync($"/api/listings/{listing.Id}", Ct)).ReadAsync<ListingResponse>();
        Assert.Equal(uploaded.Images, shown.Images);
        Assert.Equal(first.ThumbnailUrl, shown.ThumbnailUrl);
        var found = await (await App.CreateClient().GetAsync($"/api/listings?q={listing.Title.Split(' ')[^1]}", Ct)).ReadAsync<ListingPage>();
        Assert.Equal(first.ThumbnailUrl, Assert.Single(found.Items).ThumbnailUrl);
        Assert.Null(found.Items[0].Images);

        using var thumbnail = await App.CreateClient().GetAsync(first.ThumbnailUrl, Ct);
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/webp", thumbnail.Content.Headers.ContentType?.MediaType);
        Assert.Equal(CacheControlHeaderValue.Parse("public, max-age=3600, must-revalidate"), thumbnail.Headers.CacheControl);
        using var decoded = TestImages.Decode(await thumbnail.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal((320, 240), (decoded.Width, decoded.Height));

        var again = new HttpRequestMessage(HttpMethod.Get, first.ThumbnailUrl);
        again.Headers.IfNoneMatch.Add(thumbnail.Headers.ETag!);
        using var notModified = await App.CreateClient().SendAsync(again, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task A_GPS_tagged_photo_comes_back_upright_and_without_any_metadata()
    {
        var seller = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync();
        // 400 × 200 stored sideways: EXIF orientation 6 says "turn it 90° clockwise to view".
        var jpeg = TestImages.Jpeg(400, 200, gps: true, orientation: 6);
        using (var original = TestImages.Decode(jpeg))
        {
            Assert.Contains("exif-ifd3-GPSLatitude", original.GetFields()); // the test photo does carry a position
        }

        using var upload = await seller.UploadJpegAsync(listing.Id, jpeg);
        var image = Assert.Single((await upload.ReadAsync<ListingImageList>(HttpStatusCode.Created)).Images);

        Assert.Equal((200, 400), (image.Width, image.Height));
        foreach (var url in new[] { image.ThumbnailUrl, image.DisplayUrl })
        {
            var bytes = await App.CreateClient().GetByteArrayAsync(url, Ct);
            using var served = TestImages.Decode(bytes);
            var fields = served.GetFields();
            Assert.DoesNotContain(fields, f => f.StartsWith("exif", StringComparison.Ordinal) || f is "xmp-data" or "iptc-data" or "icc-profile-data" or "orientation");
            Assert.True(bytes.AsSpan().IndexOf("Exif"u8) < 0, $"{url} holds an Exif block");
        }
    }

    [Fact]
    public async Task A_decompression_bomb_is_refused_from_its_header_and_nothing_is_stored()
    {
        var seller = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync();
        var bomb = TestImages.DecompressionBomb();
        Assert.True(bomb.Length < 4096, $"{bomb.Length} bytes");

        // Blob names are the bytes' hash and the tests share one store: a PNG no other test uploads (the one of
        // 300 × 200 is stored by the first test), so that "nothing stored" speaks of this upload alone.
        var fine = TestImages.Png(301, 199);

        using var upload = await seller.UploadAsync(listing.Id, (fine, "fine.png", "image/png"), (bomb, "bomb.png", "image/png"));

        var problem = await upload.AssertProblemAsync(HttpStatusCode.BadRequest, "files[1]");
        Assert.Contains("50000 × 50000", problem.GetProperty("errors").GetProperty("files[1]")[0].GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(listing.Id, fine, bomb);
    }

    [Fact]
    public async Task A_text_file_named_jpg_is_refused_as_not_an_image_and_nothing_is_stored()
    {
        var seller = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync();
        var text = "definitely a photo, trust me\n"u8.ToArray();

        using var upload = await seller.UploadAsync(listing.Id, (text, "holiday.jpg", "image/jpeg"));

        var problem = await upload.AssertProblemAsync(HttpStatusCode.BadRequest, "files[0]");
        Assert.Contains("not a JPEG, PNG or WebP image", problem.GetProperty("errors").GetProperty("files[0]")[0].GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(listing.Id, text);
    }

    [Fact]
    public async Task A_file_that_starts_like_a_JPEG_but_is_cut_short_is_refused_as_undecodable()
    {
        var seller = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync();
        var jpeg = TestImages.Jpeg(800, 600);
        var truncated = jpeg[..(jpeg.Length / 3)];

        using var upload = await seller.UploadJpegAsync(listing.Id, truncated);

        var problem = await upload.AssertProblemAsync(HttpStatusCode.BadRequest, "files[0]");
        Assert.Contains("cannot be decoded", problem.GetProperty("errors").GetProperty("files[0]")[0].GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(listing.Id, truncated);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_a_413_naming_it_and_nothing_is_stored()
    {
        var seller = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync();
        var small = TestImages.Jpeg(100, 100);
        var large = new byte[ImagesApi.MaxFileBytes + 1];
        TestImages.Jpeg().CopyTo(large, 0);

        using var upload = await seller.UploadAsync(listing.Id, (small, "small.jpg", "image/jpeg"), (large, "large.jpg", "image/jpeg"));

        await upload.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "files[1]");
        await AssertNothingStoredAsync(listing.Id, small, large);
    }

    [Fact]
    public async Task More_images_than_a_listing_may_have_is_a_400_and_nothing_is_stored()
    {
        var seller = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync();
        var files = Enumerable.Range(0, ImagesApi.MaxImagesPerListing + 1)
            .Select(i => (TestImages.Jpeg(64, 64, red: i * 10), $"{i}.jpg", "image/jpeg"))
            .ToArray();

        using var upload = await seller.UploadAsync(listing.Id, files);

        await upload.AssertProblemAsync(HttpStatusCode.BadRequest, "files");
        await AssertNothingStoredAsync(listing.Id, files.Select(f => f.Item1).ToArray());
    }

    [Fact]
    public async Task Concurrent_uploads_to_one_listing_never_pass_its_limit()
    {
        var seller = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync();
        var photos = Enumerable.Range(0, ImagesApi.MaxImagesPerListing * 2).Select(i => TestImages.Jpeg(64, 64, red: 100 + i)).ToList();

        var responses = await Task.WhenAll(photos.Select(photo => seller.UploadJpegAsync(listing.Id, photo)));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(ImagesApi.MaxImagesPerListing, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.All(statuses.Where(s => s != HttpStatusCode.Created), s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.Equal(ImagesApi.MaxImagesPerListing, await App.Db.ScalarAsync<long>($"""SELECT count(*) FROM "ListingImage" WHERE "ListingId" = {listing.Id}""", Ct));
        Assert.Equal(Enumerable.Range(0, ImagesApi.MaxImagesPerListing),
            (await App.Db.ColumnAsync($"""SELECT "Position"::text FROM "ListingImage" WHERE "ListingId" = {listing.Id} ORDER BY 1""", Ct)).Select(int.Parse).Order());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task The_seller_reorders_edits_alt_text_and_deletes_and_positions_stay_dense()
    {
        var seller = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync();
        using var upload = await seller.UploadAsync(listing.Id,
            (TestImages.Jpeg(80, 60, red: 1), "1.jpg", "image/jpeg"), (TestImages.Jpeg(80, 60, red: 2), "2.jpg", "image/jpeg"), (TestImages.Jpeg(80, 60, red: 3), "3.jpg", "image/jpeg"));
        var ids = (await upload.ReadAsync<ListingImageList>(HttpStatusCode.Created)).Images.Select(i => i.Id).ToList();

        using var reorder = await seller.Client.PutAsJsonAsync($"/api/listings/{listing.Id}/images/order", new { imageIds = new[] { ids[2], ids[0], ids[1] } }, Ct);
        Assert.Equal([ids[2], ids[0], ids[1]], (await reorder.ReadAsync<ListingImageList>()).Images.Select(i => i.Id));

        using var partial = await seller.Client.PutAsJsonAsync($"/api/listings/{listing.Id}/images/order", new { imageIds = new[] { ids[2], ids[0] } }, Ct);
        await partial.AssertProblemAsync(HttpStatusCode.BadRequest, "imageIds");
        using var twice = await seller.Client.PutAsJsonAsync($"/api/listings/{listing.Id}/images/order", new { imageIds = new[] { ids[2], ids[2], ids[1] } }, Ct);
        await twice.AssertProblemAsync(HttpStatusCode.BadRequest, "imageIds");

        using var alt = await seller.Client.PatchAsJsonAsync($"/api/listings/{listing.Id}/images/{ids[0]}", new { altText = "The desk from the left" }, Ct);
        Assert.Equal("The desk from the left", (await alt.ReadAsync<ListingImageResponse>()).AltText);
        using var blank = await seller.Client.PatchAsJsonAsync($"/api/listings/{listing.Id}/images/{ids[0]}", new { altText = "" }, Ct);
        await blank.AssertProblemAsync(HttpStatusCode.BadRequest, "altText");

        using var delete = await seller.Client.DeleteAsync($"/api/listings/{listing.Id}/images/{ids[2]}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var again = await seller.Client.DeleteAsync($"/api/listings/{listing.Id}/images/{ids[2]}", Ct);
        await again.AssertProblemAsync(HttpStatusCode.NotFound);

        var shown = await (await App.CreateClient().GetAsync($"/api/listings/{listing.Id}", Ct)).ReadAsync<ListingResponse>();
        Assert.Equal([(ids[0], 0, "The desk from the left"), (ids[1], 1, listing.Title)], shown.Images!.Select(i => (i.Id, i.Position, i.AltText)));
        Assert.Equal(shown.Images![0].ThumbnailUrl, shown.ThumbnailUrl);
    }

    [Fact]
    public async Task Only_the_seller_changes_a_listings_photos_to_anyone_else_they_do_not_exist()
    {
        var seller = await App.SignUpAsync();
        var stranger = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync();
        using var upload = await seller.UploadJpegAsync(listing.Id, TestImages.Jpeg(90, 90));
        var image = Assert.Single((await upload.ReadAsync<ListingImageList>(HttpStatusCode.Created)).Images);

        using var post = await stranger.UploadJpegAsync(listing.Id, TestImages.Jpeg(91, 91));
        using var reorder = await stranger.Client.PutAsJsonAsync($"/api/listings/{listing.Id}/images/order", new { imageIds = new[] { image.Id } }, Ct);
        using var alt = await stranger.Client.PatchAsJsonAsync($"/api/listings/{listing.Id}/images/{image.Id}", new { altText = "mine now" }, Ct);
        using var delete = await stranger.Client.DeleteAsync($"/api/listings/{listing.Id}/images/{image.Id}", Ct);
        using var anonymous = await App.CreateClient().PostAsync($"/api/listings/{listing.Id}/images", Form((TestImages.Jpeg(92, 92), "x.jpg", "image/jpeg")), Ct);

        foreach (var response in new[] { post, reorder, alt, delete })
        {
            await response.AssertProblemAsync(HttpStatusCode.NotFound);
        }

        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized);
        var shown = await (await App.CreateClient().GetAsync($"/api/listings/{listing.Id}", Ct)).ReadAsync<ListingResponse>();
        Assert.Equal([image], shown.Images!);
    }

    [Fact]
    public async Task Photos_of_a_draft_are_404_to_everyone_but_the_seller_and_admins_and_not_publicly_cacheable()
    {
        var seller = await App.SignUpAsync();
        // A draft from the start: a listing once published never goes back to being one.
        var listing = await seller.CreateListingAsync(status: "Draft");
        using var upload = await seller.UploadJpegAsync(listing.Id, TestImages.Jpeg(120, 80, red: 33));
        var image = Assert.Single((await upload.ReadAsync<ListingImageList>(HttpStatusCode.Created)).Images);

        using var anonymous = await App.CreateClient().GetAsync(image.DisplayUrl, Ct);
        using var stranger = await (await App.SignUpAsync()).Client.GetAsync(image.DisplayUrl, Ct);
        using var own = await seller.Client.GetAsync(image.DisplayUrl, Ct);

        await anonymous.AssertProblemAsync(HttpStatusCode.NotFound);
        await stranger.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal((true, false), (own.Headers.CacheControl!.Private, own.Headers.CacheControl.Public));
        AssertKeptAnHourAtMost(own);
    }

    [Fact]
    public async Task A_removed_listings_photo_is_refused_at_once_even_to_a_cache_that_asks_again_and_no_cache_may_keep_it_over_an_hour()
    {
        var seller = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync();
        using var upload = await seller.UploadJpegAsync(listing.Id, TestImages.Jpeg(130, 90, red: 41));
        var image = Assert.Single((await upload.ReadAsync<ListingImageList>(HttpStatusCode.Created)).Images);
        using var before = await App.CreateClient().GetAsync(image.DisplayUrl, Ct);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.True(before.Headers.CacheControl!.Public);
        AssertKeptAnHourAtMost(before);

        var admin = await App.SignUpAdminAsync();
        using (var removed = await admin.Client.PostAsJsonAsync($"/api/admin/listings/{listing.Id}/remove", new { reason = "Counterfeit" }, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        // A visitor who kept the URL, and a shared cache asking whether its copy is still good: both are refused.
        using var anonymous = await App.CreateClient().GetAsync(image.DisplayUrl, Ct);
        await anonymous.AssertProblemAsync(HttpStatusCode.NotFound);
        using var revalidation = new HttpRequestMessage(HttpMethod.Get, image.DisplayUrl);
        revalidation.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        using var cache = await App.CreateClient().SendAsync(revalidation, Ct);
        await cache.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Null(cache.Headers.CacheControl);
        Assert.Null(cache.Headers.ETag);

        // The seller still sees it, from nobody's cache but their own, and not for long either.
        using var own = await seller.Client.GetAsync(image.DisplayUrl, Ct);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.True(own.Headers.CacheControl!.Private);
        AssertKeptAnHourAtMost(own);
    }

    [Fact]
    public async Task A_deleted_photo_is_refused_at_once_to_everyone_the_seller_too_and_no_cache_may_keep_it_over_an_hour()
    {
        var seller = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync();
        using var upload = await seller.UploadJpegAsync(listing.Id, TestImages.Jpeg(130, 90, red: 43));
        var image = Assert.Single((await upload.ReadAsync<ListingImageList>(HttpStatusCode.Created)).Images);
        using var before = await App.CreateClient().GetAsync(image.ThumbnailUrl, Ct);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        AssertKeptAnHourAtMost(before);

        using (var deleted = await seller.Client.DeleteAsync($"/api/listings/{listing.Id}/images/{image.Id}", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        foreach (var client in new[] { App.CreateClient(), seller.Client })
        {
            using var revalidation = new HttpRequestMessage(HttpMethod.Get, image.ThumbnailUrl);
            revalidation.Headers.IfNoneMatch.Add(before.Headers.ETag!);
            using var asked = await client.SendAsync(revalidation, Ct);
            await asked.AssertProblemAsync(HttpStatusCode.NotFound);
            using var display = await client.GetAsync(image.DisplayUrl, Ct);
            await display.AssertProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task An_image_url_that_names_no_stored_rendition_is_a_404()
    {
        using var client = App.CreateClient();
        foreach (var path in new[] { $"/api/images/{new string('a', 64)}/320.webp", "/api/images/not-a-hash/320.webp", $"/api/images/{new string('a', 64)}/..%2f320.webp" })
        {
            using var response = await client.GetAsync(path, Ct);
            await response.AssertProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task The_orphan_sweep_deletes_blobs_no_image_names_after_the_grace_period_and_keeps_the_rest()
    {
        var seller = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync();
        var kept = TestImages.Jpeg(70, 50, red: 7);
        using var upload = await seller.UploadJpegAsync(listing.Id, kept);
        var image = Assert.Single((await upload.ReadAsync<ListingImageList>(HttpStatusCode.Created)).Images);
        var deleted = TestImages.Jpeg(70, 50, red: 8);
        using var second = await seller.UploadJpegAsync(listing.Id, deleted);
        var gone = (await second.ReadAsync<ListingImageList>(HttpStatusCode.Created)).Images[1];
        using (await seller.Client.DeleteAsync($"/api/listings/{listing.Id}/images/{gone.Id}", Ct))
        {
        }

        // What an upload leaves when it dies between its blobs and its row.
        var store = App.Services.GetRequiredService<IImageStore>();
        var orphan = Sha256(TestImages.Jpeg(70, 50, red: 9));
        await store.PutAsync($"{orphan}/320.webp", TestImages.WebP(10, 10), "image/webp", Ct);

        var settings = App.Services.GetRequiredService<IOptions<ListingImageOptions>>().Value;
        var young = await Sweep(settings.OrphanGracePeriod).SweepAsync(Ct);
        var old = await Sweep(TimeSpan.Zero).SweepAsync(Ct);

        Assert.Equal(0, young);
        Assert.True(old >= 3, $"{old}"); // the orphan and the deleted image's two renditions (and other tests' in this container)
        Assert.Equal(2, (await images.BlobsAsync(Sha256(kept))).Count);
        Assert.Empty(await images.BlobsAsync(Sha256(deleted)));
        Assert.Empty(await images.BlobsAsync(orphan));
        Assert.Equal(HttpStatusCode.OK, (await App.CreateClient().GetAsync(image.DisplayUrl, Ct)).StatusCode);

        OrphanImageSweep Sweep(TimeSpan grace) => new(
            App.Services.GetRequiredService<NpgsqlDataSource>(),
            store,
            Options.Create(new ListingImageOptions { Container = settings.Container, OrphanGracePeriod = grace }),
            TimeProvider.System,
            NullLogger<OrphanImageSweep>.Instance);
    }

    /// <summary>
    /// What lets a removed photo leave every cache within the hour: a lifetime of an hour at most, for shared caches too,
    /// never served stale (must-revalidate), and nothing that lets a cache keep it longer.
    /// </summary>
    private static void AssertKeptAnHourAtMost(HttpResponseMessage response)
    {
        var cacheControl = response.Headers.CacheControl;
        Assert.NotNull(cacheControl);
        Assert.True(cacheControl.MaxAge is { } maxAge && maxAge <= TimeSpan.FromHours(1), $"Cache-Control: {cacheControl}");
        Assert.True(cacheControl.SharedMaxAge is null || cacheControl.SharedMaxAge <= TimeSpan.FromHours(1), $"Cache-Control: {cacheControl}");
        Assert.True(cacheControl.MustRevalidate, $"Cache-Control: {cacheControl}");
        Assert.DoesNotContain(cacheControl.Extensions, e => e.Name is "immutable" or "stale-while-revalidate" or "stale-if-error");
        Assert.Null(response.Content.Headers.Expires);
    }

    private async Task AssertNothingStoredAsync(long listingId, params byte[][] files)
    {
        Assert.Equal(0, await App.Db.ScalarAsync<long>($"""SELECT count(*) FROM "ListingImage" WHERE "ListingId" = {listingId}""", Ct));
        foreach (var file in files)
        {
            Assert.Empty(await images.BlobsAsync(Sha256(file)));
        }
    }

}
