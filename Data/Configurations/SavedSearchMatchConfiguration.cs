using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Data.Configurations;

internal sealed class SavedSearchMatchConfiguration : IEntityTypeConfiguration<SavedSearchMatch>
{
    /// <summary>The matches no alert has dealt with yet: what the alert job looks for, and nothing more.</summary>
    public const string PendingIndex = "IX_SavedSearchMatch_Pending";

    public void Configure(EntityTypeBuilder<SavedSearchMatch> builder)
    {
        builder.ToTable("SavedSearchMatch");
        builder.HasKey(m => new { m.SavedSearchId, m.ListingId });
        builder.Property(m => m.MatchedAt).HasDefaultValueSql("now()");
        builder.HasOne(m => m.SavedSearch).WithMany().HasForeignKey(m => m.SavedSearchId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Listing).WithMany().HasForeignKey(m => m.ListingId).OnDelete(DeleteBehavior.Cascade);

        // A search's matches since a moment (its new matches since the last visit).
        builder.HasIndex(m => new { m.SavedSearchId, m.MatchedAt });
        builder.HasIndex(m => m.ListingId);
        builder.HasIndex(m => new { m.SavedSearchId, m.MatchedAt }, PendingIndex).HasFilter("\"AlertedAt\" IS NULL");
    }
}
