using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Data.Configurations;

internal sealed class FavouriteConfiguration : IEntityTypeConfiguration<Favourite>
{
    public void Configure(EntityTypeBuilder<Favourite> builder)
    {
        builder.ToTable("Favourite");
        builder.HasKey(f => new { f.UserId, f.ListingId });
        builder.Property(f => f.CreatedAt).HasDefaultValueSql("now()");
        builder.HasOne(f => f.User).WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        // A draft its seller deletes takes its favourites with it (published listings are never deleted).
        builder.HasOne(f => f.Listing).WithMany().HasForeignKey(f => f.ListingId).OnDelete(DeleteBehavior.Cascade);

        // "Saved": one account's, latest first, keyset-paged on (CreatedAt, ListingId).
        builder.HasIndex(f => new { f.UserId, f.CreatedAt, f.ListingId });
        // A listing's count on My listings, and the foreign key.
        builder.HasIndex(f => f.ListingId);
    }
}
