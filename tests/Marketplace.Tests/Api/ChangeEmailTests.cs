using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Auth;
using Marketplace.Contracts.Accounts;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>POST /api/auth/change-email: a link to the new address, and the switch only when it is followed.</summary>
public sealed class ChangeEmailTests(SharedApi shared) : IClassFixture<SharedApi>
{
    private ApiApp App => shared.App;

    [Fact]
    public async Task The_account_switches_to_the_new_address_only_when_the_link_mailed_there_is_followed()
    {
        var account = await App.SignUpAsync();
        var newEmail = $"moved-{Guid.NewGuid():N}@example.com";

        using var response = await account.Client.PostAsJsonAsync("/api/auth/change-email", new { newEmail, currentPassword = Password }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var mail = await App.Inbox.WaitForMailAsync(newEmail, cancellationToken: Ct);
        Assert.Equal("Confirm your new email address", mail.Subject);
        // Until the link is followed, the account keeps its address.
        Assert.Equal(HttpStatusCode.Unauthorized, await App.LoginStatusAsync(newEmail));
        Assert.Equal(HttpStatusCode.OK, await App.LoginStatusAsync(account.Email));

        using var anonymous = App.CreateClient();
        using var verified = await anonymous.PostAsJsonAsync("/api/auth/verify-email", new { token = mail.Token("/verify-email") }, Ct);

        Assert.Equal(newEmail, (await verified.ReadAsync<EmailVerifiedResponse>()).Email);
        Assert.Equal(HttpStatusCode.OK, await App.LoginStatusAsync(newEmail));
        Assert.Equal(HttpStatusCode.Unauthorized, await App.LoginStatusAsync(account.Email));
    }

    [Fact]
    public async Task A_wrong_current_password_is_a_400_naming_it_and_mails_nothing()
    {
        var account = await App.SignUpAsync();
        var newEmail = $"moved-{Guid.NewGuid():N}@example.com";

        using var response = await account.Client.PostAsJsonAsync("/api/auth/change-email", new { newEmail, currentPassword = "not the password" }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "currentPassword");
        await Task.Delay(300, Ct);
        Assert.Empty(App.Inbox.MailsTo(newEmail));
    }

    [Fact]
    public async Task An_address_another_account_has_is_a_409_problem_in_any_case()
    {
        var account = await App.SignUpAsync();
        var other = await App.SignUpAsync();

        using var response = await account.Client.PostAsJsonAsync("/api/auth/change-email",
            new { newEmail = other.Email.ToUpperInvariant(), currentPassword = Password }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, await App.LoginStatusAsync(account.Email));
    }

    [Theory]
    [InlineData("same")]
    [InlineData("not-an-email")]
    [InlineData("")]
    public async Task The_current_address_or_no_address_is_a_400_naming_newEmail(string newEmail)
    {
        var account = await App.SignUpAsync();

        using var response = await account.Client.PostAsJsonAsync("/api/auth/change-email",
            new { newEmail = newEmail == "same" ? account.Email.ToUpperInvariant() : newEmail, currentPassword = Password }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "newEmail");
    }

    [Fact]
    public async Task Changing_the_email_needs_a_token()
    {
        using var anonymous = App.CreateClient();

        using var response = await anonymous.PostAsJsonAsync("/api/auth/change-email",
            new { newEmail = "someone@example.com", currentPassword = Password }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
