using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Data.Configurations;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.ToTable("Conversation");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).UseIdentityAlwaysColumn();
        builder.Property(c => c.CreatedAt).HasDefaultValueSql("now()");

        // Conversations outlive what they are about: listings are archived, never deleted once published, and accounts are
        // anonymised rather than deleted, so the other side's messages stay readable.
        builder.HasOne(c => c.Listing).WithMany().HasForeignKey(c => c.ListingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Buyer).WithMany().HasForeignKey(c => c.BuyerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Seller).WithMany().HasForeignKey(c => c.SellerId).OnDelete(DeleteBehavior.Restrict);

        // One conversation per listing and buyer, decided by the database so that two first messages at once make one;
        // its leading ListingId serves the listing's foreign key.
        builder.HasIndex(c => new { c.ListingId, c.BuyerId }).IsUnique();
        builder.HasIndex(c => c.BuyerId);
        builder.HasIndex(c => c.SellerId);
    }
}
