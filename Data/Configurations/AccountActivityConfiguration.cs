using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Data.Configurations;

internal sealed class AccountActivityConfiguration : IEntityTypeConfiguration<AccountActivity>
{
    public void Configure(EntityTypeBuilder<AccountActivity> builder)
    {
        builder.ToTable("AccountActivity");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Details).HasColumnType("jsonb");
        builder.Property(a => a.CreatedAt).HasDefaultValueSql("now()");
        // An account's record, oldest first (its export), and the foreign key.
        builder.HasIndex(a => new { a.UserId, a.CreatedAt });
        // The account row outlives its deletion (anonymised), and so does this record of it.
        builder.HasOne(a => a.User)
            .WithMany()
            .HasForeignKey(a => a.UserId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
