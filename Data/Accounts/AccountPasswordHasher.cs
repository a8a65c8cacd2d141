using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Marketplace.Data.Accounts;

/// <summary>
/// The one way an account's password is hashed and checked, by the Api (registration, sign-in, every change of password)
/// and the worker (create-admin, the demo sellers): ASP.NET Core Identity's V3 format, PBKDF2 with HMAC-SHA512 at
/// <see cref="Iterations"/>. A stored hash names its own count, so one made with fewer (the framework's default of
/// 100,000, which every hash had before) still verifies, and sign-in replaces it as it succeeds (the verifier answers
/// <see cref="PasswordVerificationResult.SuccessRehashNeeded"/>).
/// </summary>
public sealed class AccountPasswordHasher() : PasswordHasher<User>(Options.Create(new PasswordHasherOptions { IterationCount = Iterations }))
{
    /// <summary>
    /// The OWASP Password Storage Cheat Sheet's count for PBKDF2-HMAC-SHA512 (as of its December 2022 revision, still
    /// current): 210,000, which it rates as strong as 600,000 with HMAC-SHA256. Identity's V3 format is SHA-512, and its
    /// verifier asks to rehash SHA-256 hashes, so this is the count for the function the format uses.
    /// </summary>
    public const int Iterations = 210_000;
}
