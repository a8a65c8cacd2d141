using Marketplace.Data.Entities;
using Marketplace.SchemaGuard.Conventions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;
using AdminRules = Marketplace.Contracts.Admin.AdminRules;
using ListingRules = Marketplace.Contracts.Listings.ListingRules;

namespace Marketplace.Data.Configurations;

internal sealed class ListingConfiguration : IEntityTypeConfiguration<Listing>
{
    /// <summary>
    /// Names the indexes of the rows the previous release's search can return (an admin removed none of them); they
    /// serve that release during a rolling deploy, and a later release drops them.
    /// </summary>
    public const string SearchableIndexPrefix = "IX_Listing_Searchable_";

    /// <summary>Names the indexes of the rows a search can return, so that plans (and their tests) tell them apart.</summary>
    public const string ListedIndexPrefix = "IX_Listing_Listed_";

    /// <summary>The listings waiting for the saved-search alert job.</summary>
    public const string MatchPendingIndex = "IX_Listing_MatchPending";

    private const string NotRemoved = "\"RemovedAt\" IS NULL";

    /// <summary>What a search can return: neither removed by an admin nor sold by a suspended seller.</summary>
    public const string Listed = "\"RemovedAt\" IS NULL AND \"SellerSuspendedAt\" IS NULL";

    public void Configure(EntityTypeBuilder<Listing> builder)
    {
        builder.ToTable("Listing", t =>
        {
            t.HasCheckConstraint("CK_Listing_Price_NotNegative", "\"Price\" >= 0");
            t.HasTrigger(ListingTextSearch.TriggerName);
        });
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).UseIdentityAlwaysColumn();
        builder.Property(l => l.Title).HasMaxLength(ListingRules.TitleMaxLength);
        builder.Property(l => l.Description).HasMaxLength(ListingRules.DescriptionMaxLength);
        builder.Property(l => l.Price).HasPrecision(12, 2);
        builder.Property(l => l.LegacyCategory).HasColumnName("Category");
        builder.Property(l => l.Status).HasDefaultValue(ListingStatus.Draft).HasSentinel(ListingStatus.Draft);
        builder.Property(l => l.ImageUrls).HasDefaultValueSql("'{}'::text[]");
        builder.Property(l => l.RemovalReason).HasMaxLength(AdminRules.ReasonMaxLength);
        builder.Property(l => l.AiModel).HasMaxLength(Listing.AiModelMaxLength);
        builder.Property(l => l.CreatedAt).HasDefaultValueSql("now()");
        builder.Property(l => l.UpdatedAt).HasDefaultValueSql("now()");

        // Kept by the trigger (see ListingTextSearch); EF Core neither writes it nor reads it back after a save.
        var searchVector = builder.Property<NpgsqlTsVector>(ListingTextSearch.VectorProperty).Metadata;
        searchVector.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        searchVector.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);

        builder.HasOne(l => l.Seller)
            .WithMany(u => u.Listings)
            .HasForeignKey(l => l.SellerId)
            .OnDelete(DeleteBehavior.Restrict);

        builder.HasOne(l => l.Category)
            .WithMany()
            .HasForeignKey(l => l.CategoryId)
            .OnDelete(DeleteBehavior.SetNull)
            .OnUpdateCascade();

        // The indexes the listing queries need. Listing is a large live table, so they are built concurrently.
        builder.HasIndex(l => new { l.LegacyCategory, l.Status, l.Price }).IsCreatedConcurrently();
        builder.HasIndex(l => new { l.CategoryId, l.Status, l.Price }).IsCreatedConcurrently();

        // Keyset pagination of the listings search orders by (Price, Id) or (CreatedAt, Id); ending the index with the Id
        // tie-breaker lets every page, the thousandth as the first, start with an index seek. Each concurrent index gets a
        // migration of its own, because CREATE INDEX CONCURRENTLY runs outside the migration's transaction.
        builder.HasIndex(l => new { l.Status, l.Price, l.Id }).IsCreatedConcurrently();

        // The newest-first indexes, per filter, carry the price (INCLUDE): a price range on a newest-first page is then
        // decided from the index alone (an index-only scan in the search's inner query), and only the page's own rows are
        // read from the table. The seller's index also serves the SellerId foreign key.
        builder.HasIndex(l => new { l.Status, l.CreatedAt, l.Id }).IncludeProperties(l => l.Price).IsCreatedConcurrently();
        builder.HasIndex(l => new { l.CategoryId, l.Status, l.CreatedAt, l.Id }, "IX_Listing_CategoryId_Status_CreatedAt_Id_Price")
            .IncludeProperties(l => l.Price)
            .IsCreatedConcurrently();
        builder.HasIndex(l => new { l.SellerId, l.Status, l.CreatedAt, l.Id }).IncludeProperties(l => l.Price).IsCreatedConcurrently();

        // The same three for the rows a search can return (an admin removed none of them): a search filters on RemovedAt,
        // which the indexes above do not hold, so only these decide a newest-first price range from the index alone. The
        // three above stay until the release after this one: the previous version, serving during a rolling deploy,
        // searches without that filter, and only they serve it.
        builder.HasIndex(l => new { l.Status, l.CreatedAt, l.Id }, SearchableIndexPrefix + "Status_CreatedAt_Id")
            .IncludeProperties(l => l.Price)
            .HasFilter(NotRemoved)
            .IsCreatedConcurrently();
        builder.HasIndex(l => new { l.CategoryId, l.Status, l.CreatedAt, l.Id }, SearchableIndexPrefix + "CategoryId_Status_CreatedAt_Id")
            .IncludeProperties(l => l.Price)
            .HasFilter(NotRemoved)
            .IsCreatedConcurrently();
        builder.HasIndex(l => new { l.SellerId, l.Status, l.CreatedAt, l.Id }, SearchableIndexPrefix + "SellerId_Status_CreatedAt_Id")
            .IncludeProperties(l => l.Price)
            .HasFilter(NotRemoved)
            .IsCreatedConcurrently();

        // The same three again for the rows a search can return now that a suspended seller's listings leave it too
        // (SellerSuspendedAt, kept on each listing with the suspension, so no search joins the seller). The Searchable
        // ones above serve the previous release's search, which filters on RemovedAt alone, during a rolling deploy.
        builder.HasIndex(l => new { l.Status, l.CreatedAt, l.Id }, ListedIndexPrefix + "Status_CreatedAt_Id")
            .IncludeProperties(l => l.Price)
            .HasFilter(Listed)
            .IsCreatedConcurrently();
        builder.HasIndex(l => new { l.CategoryId, l.Status, l.CreatedAt, l.Id }, ListedIndexPrefix + "CategoryId_Status_CreatedAt_Id")
            .IncludeProperties(l => l.Price)
            .HasFilter(Listed)
            .IsCreatedConcurrently();
        builder.HasIndex(l => new { l.SellerId, l.Status, l.CreatedAt, l.Id }, ListedIndexPrefix + "SellerId_Status_CreatedAt_Id")
            .IncludeProperties(l => l.Price)
            .HasFilter(Listed)
            .IsCreatedConcurrently();

        // The listings the saved-search alert job has still to match: published since it last ran, so the index stays tiny.
        builder.HasIndex(l => new { l.MatchPendingSince, l.Id }, MatchPendingIndex)
            .HasFilter($"\"{nameof(Listing.MatchPendingSince)}\" IS NOT NULL")
            .IsCreatedConcurrently();

        // A seller's own list (GET /api/me/listings): every status, removed listings too, newest first. The indexes above
        // lead with (SellerId, Status), so a page of several statuses sorted every one of the seller's rows first
        // (bench/README.md, "My listings"); this one walks the seller's rows in the page's order and stops after a page.
        builder.HasIndex(l => new { l.SellerId, l.CreatedAt, l.Id }).IsCreatedConcurrently();

        // The first full-text index, over an expression. Superseded by the SearchVector column's (see ListingTextSearch);
        // it stays until no deployed Api queries by the expression.
        builder.HasIndex(l => new { l.Title, l.Description }, ListingTextSearch.ExpressionIndexName)
            .HasMethod("GIN")
            .IsTsVectorExpressionIndex(ListingTextSearch.Configuration)
            .IsCreatedConcurrently();

        // Full-text search (the listings search's q) over the trigger-kept column, and the partial index the worker's
        // backfill walks: it holds the rows whose words are still to be computed, so it is empty once that is done and
        // "is there anything to backfill?" stays an index probe on every deployment.
        builder.HasIndex(l => l.Id, ListingTextSearch.PendingIndexName)
            .HasFilter($"\"{ListingTextSearch.VectorProperty}\" IS NULL")
            .IsCreatedConcurrently();
        builder.HasIndex([ListingTextSearch.VectorProperty], ListingTextSearch.IndexName)
            .HasMethod("GIN")
            .IsCreatedConcurrently();
    }
}
