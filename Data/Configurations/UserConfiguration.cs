using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using AccountRules = Marketplace.Contracts.Accounts.AccountRules;
using AdminRules = Marketplace.Contracts.Admin.AdminRules;

namespace Marketplace.Data.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("User");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Email).HasMaxLength(AccountRules.EmailMaxLength);
        builder.Property(u => u.NormalizedEmail).HasMaxLength(AccountRules.EmailMaxLength);
        builder.HasIndex(u => u.NormalizedEmail).IsUnique();
        builder.Property(u => u.DisplayName).HasMaxLength(AccountRules.DisplayNameMaxLength);
        builder.Property(u => u.PasswordHash).HasMaxLength(500);
        builder.Property(u => u.Role).HasDefaultValue(UserRole.User).HasSentinel(UserRole.User);
        builder.Property(u => u.SuspensionReason).HasMaxLength(AdminRules.ReasonMaxLength);
        builder.Property(u => u.CreatedAt).HasDefaultValueSql("now()");
        builder.Property(u => u.UpdatedAt).HasDefaultValueSql("now()");
    }
}
