using Marketplace.Data.Entities;
using Marketplace.Data.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Data.Configurations;

internal sealed class ListingConfiguration : IEntityTypeConfiguration<Listing>
{
    public void Configure(EntityTypeBuilder<Listing> builder)
    {
        builder.ToTable("Listing", t =>
        {
            t.HasCheckConstraint("CK_Listing_Price_NotNegative", "\"Price\" >= 0");
        });
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).UseIdentityAlwaysColumn();
        builder.Property(l => l.Title).HasMaxLength(Listing.TitleMaxLength);
        builder.Property(l => l.Description).HasMaxLength(Listing.DescriptionMaxLength);
        builder.Property(l => l.Price).HasPrecision(12, 2);
        builder.Property(l => l.LegacyCategory).HasColumnName("Category");
        builder.Property(l => l.Status).HasDefaultValue(ListingStatus.Draft).HasSentinel(ListingStatus.Draft);
        builder.Property(l => l.ImageUrls).HasDefaultValueSql("'{}'::text[]");
        builder.Property(l => l.AiModel).HasMaxLength(Listing.AiModelMaxLength);
        builder.Property(l => l.CreatedAt).HasDefaultValueSql("now()");
        builder.Property(l => l.UpdatedAt).HasDefaultValueSql("now()");

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
        builder.HasIndex(l => new { l.Status, l.CreatedAt }).IsCreatedConcurrently();
        builder.HasIndex(l => new { l.LegacyCategory, l.Status, l.Price }).IsCreatedConcurrently();
        builder.HasIndex(l => new { l.CategoryId, l.Status, l.Price }).IsCreatedConcurrently();
        builder.HasIndex(l => l.SellerId);

        // Keyset pagination of the listings search orders by (Price, Id) or (CreatedAt, Id); ending the index with the Id
        // tie-breaker lets every page, the thousandth as the first, start with an index seek. Each concurrent index gets a
        // migration of its own, because CREATE INDEX CONCURRENTLY runs outside the migration's transaction.
        builder.HasIndex(l => new { l.Status, l.Price, l.Id }).IsCreatedConcurrently();
        builder.HasIndex(l => new { l.CategoryId, l.Status, l.CreatedAt, l.Id }).IsCreatedConcurrently();

        // Full-text search over title and description (the listings search's q). An expression index rather than a stored
        // tsvector column: adding a stored generated column rewrites the whole table under an exclusive lock.
        builder.HasIndex(l => new { l.Title, l.Description }, ListingTextSearch.IndexName)
            .HasMethod("GIN")
            .IsTsVectorExpressionIndex(ListingTextSearch.Configuration)
            .IsCreatedConcurrently();
    }
}
