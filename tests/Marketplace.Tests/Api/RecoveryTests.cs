using System.Net;
using System.Net.Http.Json;
using Marketplace.Contracts.Accounts;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// Recovery that cannot be hijacked: someone who once had the password moves the account to their address. A password
/// reset, a password change and signing out everywhere end their pending move; a move that went through mails the old
/// address a link that puts it back for 7 days, whatever happened to the password meanwhile.
/// </summary>
public sealed class RecoveryTests(SharedApi shared) : IClassFixture<SharedApi>
{
    private const string OwnersNewPassword = "the owner's own new passphrase";

    private ApiApp App => shared.App;

    [Fact]
    public async Task A_password_reset_ends_an_intruders_pending_email_change_so_their_link_no_longer_moves_the_account()
    {
        var owner = await App.SignUpAsync();
        var intruder = $"intruder-{Guid.NewGuid():N}@example.com";
        // The intruder, with the password, asks to move the account to their address.
        using (var change = await (await IntruderAsync(owner)).PostAsJsonAsync("/api/auth/change-email", new { newEmail = intruder, currentPassword = Password }, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, change.StatusCode);
        }

        var link = (await App.Inbox.WaitForMailAsync(intruder, cancellationToken: Ct)).Token("/verify-email");

        // The owner resets the password by mail.
        await ResetPasswordAsync(owner.Email);

        // Within the link's 24 hours, it moves nothing.
        using var anonymous = App.CreateClient();
        using var verify = await anonymous.PostAsJsonAsync("/api/auth/verify-email", new { token = link }, Ct);
        await verify.AssertProblemAsync(HttpStatusCode.BadRequest, "token");
        Assert.Equal(HttpStatusCode.OK, await LoginStatusAsync(owner.Email, OwnersNewPassword));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(intruder, OwnersNewPassword));
    }

    [Theory]
    [InlineData("/api/auth/sign-out-everywhere")]
    [InlineData("/api/auth/change-password")]
    public async Task Signing_out_everywhere_or_a_password_change_ends_a_pending_email_change(string path)
    {
        var owner = await App.SignUpAsync();
        var intruder = $"intruder-{Guid.NewGuid():N}@example.com";
        using (var change = await (await IntruderAsync(owner)).PostAsJsonAsync("/api/auth/change-email", new { newEmail = intruder, currentPassword = Password }, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, change.StatusCode);
        }

        var link = (await App.Inbox.WaitForMailAsync(intruder, cancellationToken: Ct)).Token("/verify-email");

        using (var ended = path.EndsWith("change-password", StringComparison.Ordinal)
                   ? await owner.Client.PostAsJsonAsync(path, new { currentPassword = Password, newPassword = OwnersNewPassword }, Ct)
                   : await owner.Client.PostAsync(path, null, Ct))
        {
            Assert.True(ended.IsSuccessStatusCode, await ended.Content.ReadAsStringAsync(Ct));
        }

        using var anonymous = App.CreateClient();
        using var verify = await anonymous.PostAsJsonAsync("/api/auth/verify-email", new { token = link }, Ct);
        await verify.AssertProblemAsync(HttpStatusCode.BadRequest, "token");
        Assert.Equal(owner.Email, (await App.Db.ScalarAsync<string>($"""SELECT "Email" FROM "User" WHERE "Id" = '{owner.Id}'""", Ct)));
    }

    [Fact]
    public async Task A_moved_account_is_put_back_by_the_link_mailed_to_its_old_address_even_after_the_intruder_changed_the_password()
    {
        var owner = await App.SignUpAsync();
        var intruderEmail = $"intruder-{Guid.NewGuid():N}@example.com";
        var intruder = await IntruderAsync(owner);
        using (var change = await intruder.PostAsJsonAsync("/api/auth/change-email", new { newEmail = intruderEmail, currentPassword = Password }, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, change.StatusCode);
        }

        var mailsToOwner = App.Inbox.MailsTo(owner.Email).Count;
        await App.CreateClient().FollowVerificationMailAsync(App.Inbox, intruderEmail);
        // The old address hears of it, with a link back.
        var notice = await App.Inbox.WaitForMailAsync(owner.Email, mailsToOwner + 1, cancellationToken: Ct);
        Assert.Equal("Your marketplace account's email address was changed", notice.Subject);
        Assert.Contains(intruderEmail, notice.TextBody, StringComparison.Ordinal);
        var revert = notice.Token("/revert-email");
        // The intruder changes the password and signs in again.
        var intruderPair = await (await intruder.PostAsJsonAsync("/api/auth/change-password",
            new { currentPassword = Password, newPassword = "the intruder's passphrase" }, Ct)).ReadAsync<AccessTokenResponse>();

        using var anonymous = App.CreateClient();
        using var reverted = await anonymous.PostAsJsonAsync("/api/auth/revert-email-change", new { token = revert, newPassword = OwnersNewPassword }, Ct);

        Assert.Equal(HttpStatusCode.NoContent, reverted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await LoginStatusAsync(owner.Email, OwnersNewPassword));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(intruderEmail, "the intruder's passphrase"));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(owner.Email, "the intruder's passphrase"));
        await App.CreateClient(intruderPair.AccessToken).AssertSignedOutAsync();
        await (await App.RefreshAsync(intruderPair.RefreshToken)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("email_change_reverted", await App.Db.ScalarAsync<string>(
            $"""SELECT "Kind"::text FROM "AccountActivity" WHERE "UserId" = '{owner.Id}' ORDER BY "Id" DESC LIMIT 1""", Ct));
        // The link works once.
        using var again = await anonymous.PostAsJsonAsync("/api/auth/revert-email-change", new { token = revert, newPassword = OwnersNewPassword }, Ct);
        await again.AssertProblemAsync(HttpStatusCode.BadRequest, "token");
    }

    [Fact]
    public async Task An_unknown_link_back_or_a_common_new_password_is_a_400_naming_the_field()
    {
        using var anonymous = App.CreateClient();

        using var common = await anonymous.PostAsJsonAsync("/api/auth/revert-email-change", new { token = "whatever", newPassword = "password1" }, Ct);
        using var unknown = await anonymous.PostAsJsonAsync("/api/auth/revert-email-change", new { token = "whatever", newPassword = OwnersNewPassword }, Ct);

        await common.AssertProblemAsync(HttpStatusCode.BadRequest, "newPassword");
        await unknown.AssertProblemAsync(HttpStatusCode.BadRequest, "token");
    }

    /// <summary>A client signed in as <paramref name="owner"/> by someone else who has the password: a session of their own.</summary>
    private async Task<HttpClient> IntruderAsync(Account owner) => App.CreateClient((await App.SignInAsync(owner.Email)).AccessToken);

    private async Task ResetPasswordAsync(string email)
    {
        var before = App.Inbox.MailsTo(email).Count;
        using var anonymous = App.CreateClient();
        using (var forgot = await anonymous.PostAsJsonAsync("/api/auth/forgot-password", new { email }, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, forgot.StatusCode);
        }

        var token = (await App.Inbox.WaitForMailAsync(email, before + 1, cancellationToken: Ct)).Token("/reset-password");
        using var reset = await anonymous.PostAsJsonAsync("/api/auth/reset-password", new { token, newPassword = OwnersNewPassword }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
    }

    private async Task<HttpStatusCode> LoginStatusAsync(string email, string password)
    {
        using var client = App.CreateClient();
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password }, Ct);
        return login.StatusCode;
    }
}
