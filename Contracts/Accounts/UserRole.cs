namespace Marketplace.Contracts.Accounts;

public enum UserRole
{
    User,
    Admin,
}
