using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Data.Configurations;

internal abstract class UserTokenConfiguration<TToken> : IEntityTypeConfiguration<TToken>
    where TToken : UserToken
{
    protected abstract string TableName { get; }

    public void Configure(EntityTypeBuilder<TToken> builder)
    {
        builder.ToTable(TableName);
        builder.HasKey(t => t.Id);
        builder.Property(t => t.TokenHash).HasMaxLength(UserToken.TokenHashLength).IsFixedLength();
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.Property(t => t.CreatedAt).HasDefaultValueSql("now()");
        builder.HasOne(t => t.User)
            .WithMany()
            .HasForeignKey(t => t.UserId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VerificationTokenConfiguration : UserTokenConfiguration<VerificationToken>
{
    protected override string TableName => "VerificationToken";
}

internal sealed class PasswordResetTokenConfiguration : UserTokenConfiguration<PasswordResetToken>
{
    protected override string TableName => "PasswordResetToken";
}
