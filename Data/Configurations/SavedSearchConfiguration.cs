using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Marketplace.SchemaGuard.Conventions;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ListingRules = Marketplace.Contracts.Listings.ListingRules;

namespace Marketplace.Data.Configurations;

internal sealed class SavedSearchConfiguration : IEntityTypeConfiguration<SavedSearch>
{
    public void Configure(EntityTypeBuilder<SavedSearch> builder)
    {
        builder.ToTable("SavedSearch", t => t.HasCheckConstraint("CK_SavedSearch_PriceRange", "\"MinPrice\" IS NULL OR \"MaxPrice\" IS NULL OR \"MinPrice\" <= \"MaxPrice\""));
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).UseIdentityAlwaysColumn();
        builder.Property(s => s.Query).HasMaxLength(ListingRules.QueryMaxLength);
        builder.Property(s => s.MinPrice).HasPrecision(12, 2);
        builder.Property(s => s.MaxPrice).HasPrecision(12, 2);
        builder.Property(s => s.Alerts).HasDefaultValue(AlertFrequency.Off).HasSentinel(AlertFrequency.Off);
        builder.Property(s => s.CreatedAt).HasDefaultValueSql("now()");
        builder.Property(s => s.LastVisitedAt).HasDefaultValueSql("now()");
        builder.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.Category).WithMany().HasForeignKey(s => s.CategoryId).OnDelete(DeleteBehavior.SetNull).OnUpdateCascade();

        builder.HasIndex(s => new { s.UserId, s.CreatedAt, s.Id });
        builder.HasIndex(s => s.CategoryId);
    }
}
