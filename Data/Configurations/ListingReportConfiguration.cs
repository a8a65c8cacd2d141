using Marketplace.Contracts.Reports;
using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Data.Configurations;

internal sealed class ListingReportConfiguration : IEntityTypeConfiguration<ListingReport>
{
    private const string Open = "\"ResolvedAt\" IS NULL";

    public void Configure(EntityTypeBuilder<ListingReport> builder)
    {
        builder.ToTable("ListingReport");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.Reason).HasMaxLength(ReportRules.ReasonMaxLength);
        builder.Property(r => r.ResolutionNote).HasMaxLength(ReportRules.NoteMaxLength);
        builder.Property(r => r.CreatedAt).HasDefaultValueSql("now()");

        // Reports outlive nothing they describe: listings are archived, never deleted, and accounts are never deleted.
        builder.HasOne(r => r.Listing)
            .WithMany()
            .HasForeignKey(r => r.ListingId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Reporter)
            .WithMany()
            .HasForeignKey(r => r.ReporterId)
            .OnDelete(DeleteBehavior.Restrict);

        // One open report per user per listing, decided by the database so that two reports at once cannot both land;
        // its leading ListingId serves the admins' filter by listing and the foreign key.
        builder.HasIndex(r => new { r.ListingId, r.ReporterId }, "IX_ListingReport_Open_ListingId_ReporterId")
            .IsUnique()
            .HasFilter(Open);
        builder.HasIndex(r => new { r.ListingId, r.CreatedAt, r.Id });
        builder.HasIndex(r => new { r.ReporterId, r.CreatedAt, r.Id });

        // The admins' queue: open reports, newest first, keyset-paged on (CreatedAt, Id).
        builder.HasIndex(r => new { r.CreatedAt, r.Id }, "IX_ListingReport_Open_CreatedAt_Id").HasFilter(Open);
    }
}
