using System.Security.Cryptography;
using Marketplace.Data;
using Marketplace.Data.Accounts;
using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.MigrationWorker.Demo;

/// <summary>
/// The demo sellers' accounts, written by the worker as create-admin writes an admin's: the worker owns the database,
/// and a seller must have a verified address to sell, which the Api grants only to whoever follows the mailed link.
/// The password is random and hashed by the one hasher the Api uses (<see cref="AccountPasswordHasher"/>). Only accounts under
/// <see cref="DemoCatalog.EmailDomain"/> are ever read or changed here.
/// </summary>
public sealed class DemoSellerAccounts(MarketplaceDbContext db, TimeProvider timeProvider)
{
    private const string PasswordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int PasswordLength = 20;

    /// <summary>A demo seller's account; <paramref name="Password"/> only when this run set it.</summary>
    public sealed record Account(DemoSeller Seller, Guid Id, string? Password);

    /// <summary>Every demo seller's account, creating the missing ones; answers them and how many it created.</summary>
    public async Task<(IReadOnlyDictionary<string, Account> Accounts, int Created)> EnsureAsync(CancellationToken cancellationToken)
    {
        var normalized = DemoCatalog.Sellers.Select(s => User.NormalizeEmail(s.Email)).ToList();
        var existing = await db.Users.Where(u => normalized.Contains(u.NormalizedEmail))
            .ToDictionaryAsync(u => u.NormalizedEmail, cancellationToken);
        var accounts = new Dictionary<string, Account>(StringComparer.Ordinal);
        var now = timeProvider.GetUtcNow();
        var hasher = new AccountPasswordHasher();
        var created = 0;
        foreach (var seller in DemoCatalog.Sellers)
        {
            if (existing.TryGetValue(User.NormalizeEmail(seller.Email), out var user))
            {
                accounts[seller.Email] = new Account(seller, user.Id, null);
                continue;
            }

            var password = NewPassword();
            user = new User
            {
                Id = Guid.CreateVersion7(now),
                Email = seller.Email,
                NormalizedEmail = User.NormalizeEmail(seller.Email),
                DisplayName = seller.DisplayName,
                PasswordHash = "",
                // Nobody receives mail at the demo's reserved domain; the development tool vouches for its own accounts.
                EmailVerifiedAt = now,
            };
            user.PasswordHash = hasher.HashPassword(user, password);
            db.Users.Add(user);
            accounts[seller.Email] = new Account(seller, user.Id, password);
            created++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return (accounts, created);
    }

    /// <summary>
    /// Gives existing demo sellers a new random password, for a run that must sign in as them and does not know theirs
    /// (an earlier run stopped part-way). As any password change, it ends their sessions (the security stamp).
    /// </summary>
    public async Task<IReadOnlyList<Account>> RenewPasswordsAsync(IReadOnlyList<Account> accounts, CancellationToken cancellationToken)
    {
        var ids = accounts.Select(a => a.Id).ToList();
        var users = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var hasher = new AccountPasswordHasher();
        var renewed = new List<Account>();
        foreach (var account in accounts)
        {
            var user = users[account.Id];
            var password = NewPassword();
            user.PasswordHash = hasher.HashPassword(user, password);
            user.SecurityStamp++;
            renewed.Add(account with { Password = password });
        }

        await db.SaveChangesAsync(cancellationToken);
        return renewed;
    }

    /// <summary>20 letters and digits without the look-alikes (l, 1, I, O, 0): about 116 bits, and easy to type from a screen.</summary>
    private static string NewPassword() => RandomNumberGenerator.GetString(PasswordAlphabet, PasswordLength);
}
