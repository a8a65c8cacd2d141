using System.Net;
using System.Net.Http.Json;
using Marketplace.MigrationWorker.Commands;
using Marketplace.Tests.Api;
using Marketplace.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Worker;

/// <summary>
/// <c>create-admin</c>: the worker makes the first admin, and the Api's own login then issues it an admin token.
/// One migrated Api for the class; each test has its own email.
/// </summary>
public sealed class CreateAdminCommandTests(SharedApi shared) : IClassFixture<SharedApi>
{
    private const string AdminPassword = "an operator's long passphrase";

    private ApiApp App => shared.App;

    private static string NewEmail() => $"admin-{Guid.NewGuid():N}@example.com";

    private static string RoleIn(string accessToken) => new JsonWebToken(accessToken).GetClaim("role").Value;

    [Fact]
    public async Task It_creates_an_admin_with_a_piped_password_whose_login_the_Api_accepts_with_the_admin_role()
    {
        var email = NewEmail();

        var result = await WorkerRunner.RunWithInputAsync(App.ConnectionString, ["create-admin", "--email", email], AdminPassword + "\n", cancellationToken: Ct);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Created the admin account {email}", result.Output, StringComparison.Ordinal);
        Assert.Equal("Admin", RoleIn(await App.LoginAsync(email, AdminPassword)));
        // The local part is the display name by default, and the operator vouched for the address.
        Assert.Equal(email.Split('@')[0], await App.Db.ScalarAsync<string>($"""SELECT "DisplayName" FROM "User" WHERE "Email" = '{email}'""", Ct));
        Assert.True(await App.Db.ScalarAsync<bool>($"""SELECT "EmailVerifiedAt" IS NOT NULL FROM "User" WHERE "Email" = '{email}'""", Ct));
    }

    [Fact]
    public async Task Without_a_terminal_it_takes_the_password_from_the_environment_variable_it_names()
    {
        var email = NewEmail();

        var result = await WorkerRunner.RunWithInputAsync(
            App.ConnectionString,
            ["create-admin", "--email", email, "--display-name", "Night operator"],
            standardInput: null,
            new Dictionary<string, string?> { [CreateAdminCommand.PasswordVariable] = AdminPassword },
            Ct);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Admin", RoleIn(await App.LoginAsync(email, AdminPassword)));
        Assert.Equal("Night operator", await App.Db.ScalarAsync<string>($"""SELECT "DisplayName" FROM "User" WHERE "Email" = '{email}'""", Ct));
    }

    [Fact]
    public async Task It_promotes_a_verified_account_and_its_next_login_carries_the_admin_role()
    {
        var account = await App.SignUpAsync();
        await App.Db.ExecuteAsync($"""UPDATE "User" SET "EmailVerifiedAt" = now() WHERE "Id" = '{account.Id}'""", Ct);
        Assert.Equal("User", RoleIn(account.AccessToken));

        var result = await WorkerRunner.RunWithInputAsync(App.ConnectionString, ["create-admin", "--email", account.Email.ToUpperInvariant()], null, cancellationToken: Ct);
        var again = await WorkerRunner.RunWithInputAsync(App.ConnectionString, ["create-admin", "--email", account.Email], null, cancellationToken: Ct);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("is now an admin", result.Output, StringComparison.Ordinal);
        Assert.Equal("Admin", RoleIn(await App.LoginAsync(account.Email, account.Password)));
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("already an admin", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_whose_email_is_not_verified_is_not_promoted_exit_2()
    {
        var account = await App.SignUpAsync(verified: false);

        var result = await WorkerRunner.RunWithInputAsync(App.ConnectionString, ["create-admin", "--email", account.Email], null, cancellationToken: Ct);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("has not verified its email address", result.Error, StringComparison.Ordinal);
        Assert.Equal("User", RoleIn(await App.LoginAsync(account.Email, account.Password)));
    }

    [Fact]
    public async Task With_no_password_to_be_had_it_names_the_environment_variable_creates_nothing_and_exits_2()
    {
        var email = NewEmail();

        var result = await WorkerRunner.RunWithInputAsync(App.ConnectionString, ["create-admin", "--email", email], standardInput: null, cancellationToken: Ct);

        Assert.Equal(2, result.ExitCode);
        var errors = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var error = Assert.Single(errors, line => line.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains(CreateAdminCommand.PasswordVariable, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await App.Db.ScalarAsync<long>($"""SELECT count(*) FROM "User" WHERE "Email" = '{email}'""", Ct));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(129)]
    public async Task A_password_outside_the_registration_rules_creates_nothing_exit_2(int length)
    {
        var email = NewEmail();

        var result = await WorkerRunner.RunWithInputAsync(App.ConnectionString, ["create-admin", "--email", email], new string('p', length), cancellationToken: Ct);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("8 to 128", result.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await App.Db.ScalarAsync<long>($"""SELECT count(*) FROM "User" WHERE "Email" = '{email}'""", Ct));
    }

    [Fact]
    public async Task A_common_password_creates_nothing_exit_2_and_an_admin_is_hashed_at_the_Apis_iteration_count()
    {
        var email = NewEmail();

        var common = await WorkerRunner.RunWithInputAsync(App.ConnectionString, ["create-admin", "--email", email], "Password123\n", cancellationToken: Ct);
        var strong = await WorkerRunner.RunWithInputAsync(App.ConnectionString, ["create-admin", "--email", email], AdminPassword + "\n", cancellationToken: Ct);

        Assert.Equal(2, common.ExitCode);
        Assert.Contains("most common passwords", common.Error, StringComparison.Ordinal);
        Assert.True(strong.ExitCode == 0, strong.ToString());
        var hash = await App.Db.ScalarAsync<string>($"""SELECT "PasswordHash" FROM "User" WHERE "Email" = '{email}'""", Ct);
        Assert.Equal(Marketplace.Data.Accounts.AccountPasswordHasher.Iterations, PasswordTests.IterationsOf(hash));
    }

    [Fact]
    public async Task An_address_the_Api_would_refuse_is_a_usage_error()
    {
        var result = await WorkerRunner.RunWithInputAsync(App.ConnectionString, ["create-admin", "--email", "not-an-address"], AdminPassword, cancellationToken: Ct);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not an email address", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_email_the_command_is_a_usage_error_and_help_names_the_variable()
    {
        var missing = await WorkerRunner.RunWithInputAsync(App.ConnectionString, ["create-admin"], null, cancellationToken: Ct);
        var help = await WorkerRunner.RunWithInputAsync(App.ConnectionString, ["create-admin", "--help"], null, cancellationToken: Ct);

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--email", missing.Error, StringComparison.Ordinal);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains(CreateAdminCommand.PasswordVariable, help.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admins_login_is_the_Apis_ordinary_login_a_wrong_password_is_refused()
    {
        var email = NewEmail();
        Assert.Equal(0, (await WorkerRunner.RunWithInputAsync(App.ConnectionString, ["create-admin", "--email", email], AdminPassword, cancellationToken: Ct)).ExitCode);

        using var client = App.CreateClient();
        using var wrong = await client.PostAsJsonAsync("/api/auth/login", new { email, password = AdminPassword + "!" }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }
}
