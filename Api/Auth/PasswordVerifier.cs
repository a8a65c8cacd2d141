using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Api.Auth;

/// <summary>
/// Checks a password against an account, spending the same hashing work when there is no account, so that the time
/// a failed login takes does not tell an attacker which emails are registered.
/// </summary>
public sealed class PasswordVerifier(IPasswordHasher<User> hasher)
{
    private static readonly User NobodyUser = new()
    {
        Email = "nobody@invalid",
        NormalizedEmail = "NOBODY@INVALID",
        DisplayName = "nobody",
        PasswordHash = "",
    };

    private readonly Lazy<string> _nobodysHash = new(() => hasher.HashPassword(NobodyUser, Guid.NewGuid().ToString()));

    /// <summary>Whether <paramref name="password"/> is <paramref name="user"/>'s, and whether its hash should be upgraded.</summary>
    public PasswordVerificationResult Verify(User? user, string password)
    {
        if (user is null)
        {
            _ = hasher.VerifyHashedPassword(NobodyUser, _nobodysHash.Value, password);
            return PasswordVerificationResult.Failed;
        }

        return hasher.VerifyHashedPassword(user, user.PasswordHash, password);
    }

    public string Hash(User user, string password) => hasher.HashPassword(user, password);
}
