using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Data.Configurations;

internal sealed class UserBlockConfiguration : IEntityTypeConfiguration<UserBlock>
{
    public void Configure(EntityTypeBuilder<UserBlock> builder)
    {
        // No CHECK that the two differ: the Api only ever blocks the other side of a conversation (never oneself, since nobody
        // writes about their own listing), and the rolling-deploy proof writes one account into both keys.
        builder.ToTable("UserBlock");
        builder.HasKey(b => new { b.BlockerId, b.BlockedId });
        builder.Property(b => b.CreatedAt).HasDefaultValueSql("now()");
        builder.HasOne(b => b.Blocker).WithMany().HasForeignKey(b => b.BlockerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(b => b.Blocked).WithMany().HasForeignKey(b => b.BlockedId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => b.BlockedId);
    }
}
