using System.Collections.Concurrent;
using Marketplace.Contracts.Listings;
using Marketplace.Data;
using Marketplace.MigrationWorker.Steps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using ListingStatus = Marketplace.Data.Entities.ListingStatus;

namespace Marketplace.MigrationWorker.Demo;

/// <summary>
/// Loads the demo marketplace: subcategories and seller accounts in the database (which the worker owns), then every
/// listing and photo through the Api's own operations as the sellers, so that each photo is checked, processed and
/// stored as any upload is. What already exists (a seller by address, a listing by its seller and title) is left as
/// it is, so a second run adds nothing and a run that stopped part-way is completed by the next.
/// </summary>
public sealed partial class DemoMarketplaceSeeder(
    DatabaseWaiter databaseWaiter,
    DemoCategories categories,
    DemoSellerAccounts sellerAccounts,
    MarketplaceDbContext db,
    NpgsqlDataSource dataSource,
    TimeProvider timeProvider,
    ILogger<DemoMarketplaceSeeder> logger)
{
    /// <summary>Two sellers at a time: the Api processes two photos at once per instance, and this machine has two cores.</summary>
    private const int SellersAtOnce = 2;

    public async Task<DemoSeedReport> SeedAsync(Uri api, bool showPassword, CancellationToken cancellationToken)
    {
        using var step = WorkerTelemetry.Step("seed-demo");
        await databaseWaiter.WaitAsync(cancellationToken);

        var (subcategoriesAdded, fileUnder) = await categories.EnsureAsync(cancellationToken);
        var (ensured, sellersCreated) = await sellerAccounts.EnsureAsync(cancellationToken);
        var accounts = new Dictionary<string, DemoSellerAccounts.Account>(ensured, StringComparer.Ordinal);
        var work = await PlanWorkAsync(accounts, fileUnder, cancellationToken);
        var skipped = DemoPlan.Listings.Count(l => fileUnder[l.Category.Slug] is null);

        // A seller with work whose password this run does not know (an earlier run stopped part-way) gets a new one.
        var unknown = work.Select(w => w.Account).Where(a => a.Password is null).DistinctBy(a => a.Id).ToList();
        foreach (var renewed in await sellerAccounts.RenewPasswordsAsync(unknown, cancellationToken))
        {
            accounts[renewed.Seller.Email] = renewed;
        }

        if (subcategoriesAdded > 0)
        {
            // The Api re-reads its category cache for a slug it does not know at most once a second: give it that
            // second, so that the first listing in a new subcategory is not refused.
            await Task.Delay(TimeSpan.FromSeconds(1.1), timeProvider, cancellationToken);
        }

        var done = new ConcurrentBag<(long Id, DemoListing Listing)>();
        var (photos, sold) = (0, 0);
        if (work.Count > 0)
        {
            using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromMinutes(2) };
            var client = new DemoApiClient(http, logger);
            var bySeller = work.GroupBy(w => w.Account.Seller.Email).ToList();
            var finished = 0;
            try
            {
                await Parallel.ForEachAsync(bySeller, new ParallelOptions { MaxDegreeOfParallelism = SellersAtOnce, CancellationToken = cancellationToken }, async (seller, ct) =>
                {
                    var account = accounts[seller.Key];
                    var (sellerPhotos, sellerSold) = await LoadSellerAsync(client, account, [.. seller], done, ct);
                    Interlocked.Add(ref photos, sellerPhotos);
                    Interlocked.Add(ref sold, sellerSold);
                    LogSellerLoaded(logger, account.Seller.Email, seller.Count(), sellerPhotos, Interlocked.Increment(ref finished), bySeller.Count);
                });
            }
            finally
            {
                // Whatever was created is dated, also when a seller's request failed part-way.
                await BackdateAsync([.. done], CancellationToken.None);
            }
        }

        var sellerIds = accounts.Values.Select(a => a.Id).ToList();
        var listings = await db.Listings.CountAsync(l => sellerIds.Contains(l.SellerId), cancellationToken);
        var signIn = showPassword ? DemoCatalog.Sellers.Select(s => accounts[s.Email]).FirstOrDefault(a => a.Password is not null) : null;
        var report = new DemoSeedReport(api, sellersCreated, subcategoriesAdded, done.Count, photos, sold, skipped, listings, step.Elapsed, signIn);
        step.Activity?.SetTag("marketplace.demo.listings_created", report.ListingsCreated);
        step.Activity?.SetTag("marketplace.demo.photos_uploaded", report.PhotosUploaded);
        LogSeeded(logger, report.SellersCreated, report.ListingsCreated, report.PhotosUploaded, report.MarkedSold, step.Elapsed.TotalSeconds);
        return report;
    }

    /// <summary>Signs in as the seller and does what is left of their listings: create, add the photos, mark sold.</summary>
    private static async Task<(int Photos, int Sold)> LoadSellerAsync(
        DemoApiClient client, DemoSellerAccounts.Account account, List<Work> work, ConcurrentBag<(long Id, DemoListing Listing)> created, CancellationToken cancellationToken)
    {
        var token = await client.SignInAsync(account.Seller.Email, account.Password!, cancellationToken);
        var (photos, sold) = (0, 0);
        foreach (var item in work)
        {
            var request = RequestFor(item.Listing, item.CategorySlug);
            var id = item.ExistingId ?? await client.CreateListingAsync(token, request, cancellationToken);
            if (item.ExistingId is null)
            {
                created.Add((id, item.Listing));
            }

            if (item.UploadPhotos)
            {
                photos += await client.UploadPhotosAsync(token, id, [.. item.Listing.Photos.Select(p => p.ToPng())], cancellationToken);
            }

            if (item.MarkSold)
            {
                await client.MarkSoldAsync(token, id, request, cancellationToken);
                sold++;
            }
        }

        return (photos, sold);
    }

    /// <summary>What is left to do for each planned listing: create it, give it its photos, mark it sold.</summary>
    private async Task<List<Work>> PlanWorkAsync(
        IReadOnlyDictionary<string, DemoSellerAccounts.Account> accounts, IReadOnlyDictionary<string, string?> fileUnder, CancellationToken cancellationToken)
    {
        var sellerIds = accounts.Values.Select(a => a.Id).ToList();
        var existing = (await db.Listings.AsNoTracking()
                .Where(l => sellerIds.Contains(l.SellerId))
                .Select(l => new { l.Id, l.SellerId, l.Title, l.Status, Photos = l.Images.Count })
                .ToListAsync(cancellationToken))
            .GroupBy(l => (l.SellerId, l.Title))
            .ToDictionary(g => g.Key, g => g.OrderBy(l => l.Id).First());

        var work = new List<Work>();
        foreach (var listing in DemoPlan.Listings)
        {
            var account = accounts[listing.Seller.Email];
            if (fileUnder[listing.Category.Slug] is not { } slug)
            {
                continue;
            }

            if (!existing.TryGetValue((account.Id, listing.Title), out var found))
            {
                work.Add(new Work(account, listing, slug, null, listing.Photos.Count > 0, listing.Sold));
                continue;
            }

            // A listing the developer archived, or already sold, is theirs now; only what a stopped run left undone is finished.
            var open = found.Status is ListingStatus.Active or ListingStatus.Draft;
            var uploadPhotos = open && found.Photos == 0 && listing.Photos.Count > 0;
            var markSold = open && listing.Sold && found.Status == ListingStatus.Active;
            if (uploadPhotos || markSold)
            {
                work.Add(new Work(account, listing, slug, found.Id, uploadPhotos, markSold));
            }
        }

        return work;
    }

    private static ListingRequest RequestFor(DemoListing listing, string categorySlug) => new()
    {
        Title = listing.Title,
        Description = listing.Description,
        Price = listing.Price,
        CategorySlug = categorySlug,
    };

    /// <summary>
    /// Dates the listings this run created across the last weeks, as planned: the Api stamps them now, and a marketplace
    /// whose every listing is a minute old reads as a fixture, not as a place people use.
    /// </summary>
    private async Task BackdateAsync(List<(long Id, DemoListing Listing)> created, CancellationToken cancellationToken)
    {
        if (created.Count == 0)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        var rows = created.Select(c => (c.Id, Listed: now - c.Listing.Age, Updated: now - c.Listing.Age + (c.Listing.Sold ? c.Listing.SoldAfter : TimeSpan.Zero))).ToList();
        await using var command = dataSource.CreateCommand("""
            UPDATE "Listing" AS l SET "CreatedAt" = d.listed, "UpdatedAt" = d.updated
            FROM unnest(@ids, @listed, @updated) AS d(id, listed, updated)
            WHERE l."Id" = d.id
            """);
        command.Parameters.AddWithValue("ids", rows.Select(r => r.Id).ToArray());
        command.Parameters.AddWithValue("listed", rows.Select(r => r.Listed).ToArray());
        command.Parameters.AddWithValue("updated", rows.Select(r => r.Updated).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record Work(DemoSellerAccounts.Account Account, DemoListing Listing, string CategorySlug, long? ExistingId, bool UploadPhotos, bool MarkSold);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Listings} listings with {Photos} photos as {Seller} ({Finished} of {Sellers} sellers)")]
    private static partial void LogSellerLoaded(ILogger logger, string seller, int listings, int photos, int finished, int sellers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo marketplace: {Sellers} sellers, {Listings} listings, {Photos} photos added, {Sold} marked sold, in {ElapsedSeconds:0} s")]
    private static partial void LogSeeded(ILogger logger, int sellers, int listings, int photos, int sold, double elapsedSeconds);
}
