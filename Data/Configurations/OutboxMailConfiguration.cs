using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using AccountRules = Marketplace.Contracts.Accounts.AccountRules;

namespace Marketplace.Data.Configurations;

internal sealed class OutboxMailConfiguration : IEntityTypeConfiguration<OutboxMail>
{
    public void Configure(EntityTypeBuilder<OutboxMail> builder)
    {
        builder.ToTable("OutboxMail");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.ToAddress).HasMaxLength(AccountRules.EmailMaxLength);
        builder.Property(m => m.ReplyTo).HasMaxLength(AccountRules.EmailMaxLength);
        builder.Property(m => m.Subject).HasMaxLength(OutboxMail.SubjectMaxLength);
        builder.Property(m => m.Detail).HasMaxLength(OutboxMail.DetailMaxLength);
        builder.Property(m => m.CreatedAt).HasDefaultValueSql("now()");

        // As the account's tokens: a mail about an account goes with it.
        builder.HasOne(m => m.User)
            .WithMany()
            .HasForeignKey(m => m.UserId)
            .OnDelete(DeleteBehavior.Cascade);

        // The senders' claim: the pending mails, soonest due first.
        builder.HasIndex(m => m.DueAt, "IX_OutboxMail_Pending_DueAt").HasFilter("\"State\" = 'pending'");

        // The purge and the dead-mail list: mails done with, oldest first.
        builder.HasIndex(m => m.CompletedAt, "IX_OutboxMail_Completed_CompletedAt").HasFilter("\"CompletedAt\" IS NOT NULL");

        // Whether a newer verification mail replaced this one, and the foreign key.
        builder.HasIndex(m => new { m.UserId, m.CreatedAt });
    }
}
