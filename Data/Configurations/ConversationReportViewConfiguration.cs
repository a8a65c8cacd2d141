using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Data.Configurations;

internal sealed class ConversationReportViewConfiguration : IEntityTypeConfiguration<ConversationReportView>
{
    public void Configure(EntityTypeBuilder<ConversationReportView> builder)
    {
        builder.ToTable("ConversationReportView");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).UseIdentityAlwaysColumn();
        builder.Property(v => v.ViewedAt).HasDefaultValueSql("now()");
        // An audit record: it outlives nothing it names, and nothing deletes it.
        builder.HasOne(v => v.Report).WithMany().HasForeignKey(v => v.ReportId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(v => v.Admin).WithMany().HasForeignKey(v => v.AdminId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => new { v.ReportId, v.ViewedAt });
        builder.HasIndex(v => new { v.AdminId, v.ViewedAt });
    }
}
