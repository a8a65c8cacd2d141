using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using AccountRules = Marketplace.Contracts.Accounts.AccountRules;

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
        ConfigureToken(builder);
    }

    protected virtual void ConfigureToken(EntityTypeBuilder<TToken> builder)
    {
    }
}

internal sealed class VerificationTokenConfiguration : UserTokenConfiguration<VerificationToken>
{
    protected override string TableName => "VerificationToken";

    protected override void ConfigureToken(EntityTypeBuilder<VerificationToken> builder) =>
        builder.Property(t => t.Email).HasMaxLength(AccountRules.EmailMaxLength);
}

internal sealed class PasswordResetTokenConfiguration : UserTokenConfiguration<PasswordResetToken>
{
    protected override string TableName => "PasswordResetToken";
}

internal sealed class RefreshTokenConfiguration : UserTokenConfiguration<RefreshToken>
{
    protected override string TableName => "RefreshToken";

    protected override void ConfigureToken(EntityTypeBuilder<RefreshToken> builder) =>
        builder.HasIndex(t => t.FamilyId);
}

internal sealed class EmailChangeRevertTokenConfiguration : UserTokenConfiguration<EmailChangeRevertToken>
{
    protected override string TableName => "EmailChangeRevertToken";

    protected override void ConfigureToken(EntityTypeBuilder<EmailChangeRevertToken> builder) =>
        builder.Property(t => t.Email).HasMaxLength(AccountRules.EmailMaxLength);
}
