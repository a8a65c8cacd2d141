using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ConversationRules = Marketplace.Contracts.Conversations.ConversationRules;

namespace Marketplace.Data.Configurations;

internal sealed class ConversationMessageConfiguration : IEntityTypeConfiguration<ConversationMessage>
{
    public void Configure(EntityTypeBuilder<ConversationMessage> builder)
    {
        builder.ToTable("ConversationMessage");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).UseIdentityAlwaysColumn();
        builder.Property(m => m.Body).HasMaxLength(ConversationRules.MessageMaxLength);
        builder.Property(m => m.CreatedAt).HasDefaultValueSql("now()");
        builder.HasOne(m => m.Conversation).WithMany(c => c.Messages).HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Sender).WithMany().HasForeignKey(m => m.SenderId).OnDelete(DeleteBehavior.Restrict);

        // A conversation's page: its latest messages by id (the order they were written), and the pages before.
        builder.HasIndex(m => new { m.ConversationId, m.Id });
        // What one account wrote (its export, the foreign key).
        builder.HasIndex(m => new { m.SenderId, m.Id });
    }
}
