using Marketplace.Contracts.Reports;
using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Data.Configurations;

internal sealed class ConversationReportConfiguration : IEntityTypeConfiguration<ConversationReport>
{
    private const string Open = "\"ResolvedAt\" IS NULL";

    public void Configure(EntityTypeBuilder<ConversationReport> builder)
    {
        builder.ToTable("ConversationReport");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.Reason).HasMaxLength(ReportRules.ReasonMaxLength);
        builder.Property(r => r.ResolutionNote).HasMaxLength(ReportRules.NoteMaxLength);
        builder.Property(r => r.CreatedAt).HasDefaultValueSql("now()");
        builder.HasOne(r => r.Conversation).WithMany().HasForeignKey(r => r.ConversationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Reporter).WithMany().HasForeignKey(r => r.ReporterId).OnDelete(DeleteBehavior.Restrict);

        // As for listings: one open report per participant and conversation, decided by the database.
        builder.HasIndex(r => new { r.ConversationId, r.ReporterId }, "IX_ConversationReport_Open_ConversationId_ReporterId")
            .IsUnique()
            .HasFilter(Open);
        builder.HasIndex(r => new { r.ConversationId, r.CreatedAt, r.Id });
        builder.HasIndex(r => new { r.ReporterId, r.CreatedAt, r.Id });
        builder.HasIndex(r => new { r.CreatedAt, r.Id }, "IX_ConversationReport_Open_CreatedAt_Id").HasFilter(Open);
    }
}
