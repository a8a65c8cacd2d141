using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Data.Configurations;

internal sealed class AdminAuditLogConfiguration : IEntityTypeConfiguration<AdminAuditLog>
{
    public void Configure(EntityTypeBuilder<AdminAuditLog> builder)
    {
        builder.ToTable("AdminAuditLog");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.TargetId).HasMaxLength(AdminAuditLog.TargetIdMaxLength);
        builder.Property(a => a.Details).HasColumnType("jsonb");
        builder.Property(a => a.CreatedAt).HasDefaultValueSql("now()");
        builder.HasIndex(a => new { a.TargetType, a.TargetId });
        builder.HasIndex(a => a.AdminId);
        // The log is read newest first, keyset-paged on (CreatedAt, Id), and filtered by a date range: this index seeks
        // to the range's end and walks back, whatever else the filter holds. Built concurrently: the log only grows.
        builder.HasIndex(a => new { a.CreatedAt, a.Id }).IsCreatedConcurrently();
        // The audit trail must outlive nothing it describes: an admin with entries cannot be deleted.
        builder.HasOne(a => a.Admin)
            .WithMany()
            .HasForeignKey(a => a.AdminId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
