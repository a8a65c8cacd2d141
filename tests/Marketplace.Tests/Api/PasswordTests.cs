using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using Marketplace.Contracts.Accounts;
using Marketplace.Data.Accounts;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Identity;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// Passwords as current guidance asks: at least 8 characters, no composition rules, none of the 100,000 most common;
/// PBKDF2 at the OWASP count, and a hash made at the framework's old default upgraded at the next sign-in.
/// </summary>
public sealed class PasswordTests(SharedApi shared) : IClassFixture<SharedApi>
{
    private ApiApp App => shared.App;

    [Theory]
    [InlineData("password")]
    [InlineData("Password1")]
    [InlineData("12345678")]
    [InlineData("iloveyou1")]
    [InlineData("QWERTYUIOP")]
    public async Task A_common_password_is_refused_at_registration_naming_the_field_and_no_account_is_created(string password)
    {
        var email = $"common-{Guid.NewGuid():N}@example.com";
        using var client = App.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/auth/register", new { email, password, displayName = "Common" }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "password");
        Assert.Equal(0L, await App.Db.ScalarAsync<long>($"""SELECT count(*) FROM "User" WHERE "NormalizedEmail" = '{email.ToUpperInvariant()}'""", Ct));
    }

    [Fact]
    public async Task A_common_new_password_is_refused_by_a_change_naming_newPassword_and_the_old_one_still_works()
    {
        var account = await App.SignUpAsync();

        using var response = await account.Client.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = Password, newPassword = "sunshine1" }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "newPassword");
        await App.SignInAsync(account.Email);
    }

    [Theory]
    [InlineData("lowercase only and long")]
    [InlineData("ZQXJ8W2K")]
    public async Task Eight_characters_of_any_kind_that_are_not_common_are_enough(string password)
    {
        var email = $"plain-{Guid.NewGuid():N}@example.com";
        using var client = App.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/auth/register", new { email, password, displayName = "Plain" }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public void The_common_password_set_holds_100000_passwords_and_matches_without_case()
    {
        Assert.Equal(100_000, CommonPasswords.Size);
        // Two passwords may share a 5-byte key, about once in ten million pairs.
        Assert.InRange(CommonPasswords.Count, 99_990, 100_000);
        Assert.True(CommonPasswords.Contains("PASSWORD"));
        Assert.True(CommonPasswords.Contains("football"));
        Assert.False(CommonPasswords.Contains(Password));
    }

    [Fact]
    public async Task A_hash_made_at_the_old_100000_iterations_still_signs_in_and_is_replaced_by_one_at_the_OWASP_count()
    {
        var account = await App.SignUpAsync();
        Assert.Equal(AccountPasswordHasher.Iterations, IterationsOf(await HashAsync(account.Id)));
        var old = new PasswordHasher<User>().HashPassword(null!, Password);
        Assert.Equal(100_000, IterationsOf(old));
        await App.Db.ExecuteAsync($"""UPDATE "User" SET "PasswordHash" = '{old}' WHERE "Id" = '{account.Id}'""", Ct);

        await App.SignInAsync(account.Email);

        var upgraded = await HashAsync(account.Id);
        Assert.Equal(210_000, IterationsOf(upgraded));
        Assert.Equal(PasswordVerificationResult.Success, new AccountPasswordHasher().VerifyHashedPassword(null!, upgraded, Password));
        await App.SignInAsync(account.Email);
    }

    /// <summary>The PBKDF2 iteration count an ASP.NET Core Identity V3 hash names (format byte, PRF, then the count, big-endian).</summary>
    public static int IterationsOf(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        return (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4));
    }

    private Task<string> HashAsync(Guid userId) =>
        App.Db.ScalarAsync<string>($"""SELECT "PasswordHash" FROM "User" WHERE "Id" = '{userId}'""", Ct);
}
