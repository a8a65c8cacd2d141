using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ListingImageRules = Marketplace.Contracts.Listings.ListingImageRules;

namespace Marketplace.Data.Configurations;

internal sealed class ListingImageConfiguration : IEntityTypeConfiguration<ListingImage>
{
    public void Configure(EntityTypeBuilder<ListingImage> builder)
    {
        builder.ToTable("ListingImage", t =>
        {
            // An image always has something to show: its renditions, or (backfilled from the legacy column) its URL.
            t.HasCheckConstraint(
                "CK_ListingImage_Shown",
                "\"ExternalUrl\" IS NOT NULL OR (\"ContentHash\" IS NOT NULL AND \"ThumbnailBlobName\" IS NOT NULL AND \"DisplayBlobName\" IS NOT NULL)");
            t.HasCheckConstraint("CK_ListingImage_Position_NotNegative", "\"Position\" >= 0");
        });
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).UseIdentityAlwaysColumn();
        builder.Property(i => i.ContentHash).HasMaxLength(ListingImage.ContentHashLength).IsFixedLength();
        builder.Property(i => i.ThumbnailBlobName).HasMaxLength(ListingImage.BlobNameMaxLength);
        builder.Property(i => i.DisplayBlobName).HasMaxLength(ListingImage.BlobNameMaxLength);
        builder.Property(i => i.ExternalUrl).HasMaxLength(Listing.ImageUrlMaxLength);
        builder.Property(i => i.AltText).HasMaxLength(ListingImageRules.AltTextMaxLength);
        builder.Property(i => i.CreatedAt).HasDefaultValueSql("now()");
        builder.Property(i => i.UpdatedAt).HasDefaultValueSql("now()");

        builder.HasOne(i => i.Listing)
            .WithMany(l => l.Images)
            .HasForeignKey(i => i.ListingId)
            .OnDelete(DeleteBehavior.Cascade);

        // A listing's photos in order (the listing answer, the search's first thumbnail); also serves the foreign key.
        builder.HasIndex(i => new { i.ListingId, i.Position });
        // Serving a rendition by its hash, and the orphan sweep asking whether any row still names a blob.
        builder.HasIndex(i => i.ContentHash);
    }
}
