using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Data.Configurations;

internal sealed class ConversationParticipantConfiguration : IEntityTypeConfiguration<ConversationParticipant>
{
    /// <summary>The inbox's index: one account's conversations, latest activity first, keyset-paged on (LastMessageAt, ConversationId).</summary>
    public const string InboxIndex = "IX_ConversationParticipant_Inbox";

    /// <summary>The header's total: only the rows with something unread.</summary>
    public const string UnreadIndex = "IX_ConversationParticipant_Unread";

    public void Configure(EntityTypeBuilder<ConversationParticipant> builder)
    {
        builder.ToTable("ConversationParticipant", t => t.HasCheckConstraint("CK_ConversationParticipant_UnreadCount_NotNegative", "\"UnreadCount\" >= 0"));
        builder.HasKey(p => new { p.ConversationId, p.UserId });
        builder.HasOne(p => p.Conversation).WithMany(c => c.Participants).HasForeignKey(p => p.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.User).WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(p => new { p.UserId, p.LastMessageAt, p.ConversationId }, InboxIndex)
            .IsDescending(false, true, true)
            .IncludeProperties(p => p.UnreadCount);
        builder.HasIndex(p => p.UserId, UnreadIndex)
            .IncludeProperties(p => p.UnreadCount)
            .HasFilter("\"UnreadCount\" > 0");
    }
}
