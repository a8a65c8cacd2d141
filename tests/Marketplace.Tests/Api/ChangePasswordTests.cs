using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Auth;
using Marketplace.Contracts.Accounts;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>POST /api/auth/change-password: a new password ends every other session; the caller gets a new pair.</summary>
public sealed class ChangePasswordTests(SharedApi shared) : IClassFixture<SharedApi>
{
    private const string NewPassword = "a new and longer passphrase";

    private ApiApp App => shared.App;

    [Fact]
    public async Task Changing_the_password_refuses_every_earlier_token_and_the_old_password_and_answers_a_pair_that_works()
    {
        var account = await App.SignUpAsync();
        var otherSession = await App.SignInAsync(account.Email);
        await account.Client.AssertSignedInAsync();

        using var response = await account.Client.PostAsJsonAsync("/api/auth/change-password",
            new { currentPassword = Password, newPassword = NewPassword }, Ct);

        var pair = await response.ReadAsync<AccessTokenResponse>();
        await App.CreateClient(pair.AccessToken).AssertSignedInAsync();
        await (await App.RefreshAsync(pair.RefreshToken)).ReadAsync<AccessTokenResponse>();
        await account.Client.AssertSignedOutAsync();
        await App.CreateClient(otherSession.AccessToken).AssertSignedOutAsync();
        await (await App.RefreshAsync(otherSession.RefreshToken)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var anonymous = App.CreateClient();
        await (await anonymous.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = Password }, Ct))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);
        await App.SignInAsync(account.Email, NewPassword);
    }

    [Fact]
    public async Task A_wrong_current_password_is_a_400_naming_it_and_changes_nothing()
    {
        var account = await App.SignUpAsync();

        using var response = await account.Client.PostAsJsonAsync("/api/auth/change-password",
            new { currentPassword = "not the password", newPassword = NewPassword }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "currentPassword");
        await account.Client.AssertSignedInAsync();
        await App.SignInAsync(account.Email, Password);
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { $$"""{"newPassword": "{{NewPassword}}"}""", "currentPassword" },
        { $$"""{"currentPassword": "{{Password}}"}""", "newPassword" },
        { $$"""{"currentPassword": "{{Password}}", "newPassword": "short"}""", "newPassword" },
        { $$"""{"currentPassword": "{{Password}}", "newPassword": "{{new string('p', 129)}}"}""", "newPassword" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_missing_field_or_a_new_password_outside_the_registration_lengths_is_a_400_naming_it(string body, string field)
    {
        var account = await App.SignUpAsync();

        using var response = await account.Client.PostJsonAsync("/api/auth/change-password", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
        await App.SignInAsync(account.Email, Password);
    }

    [Fact]
    public async Task Changing_the_password_needs_a_token()
    {
        using var anonymous = App.CreateClient();

        using var response = await anonymous.PostAsJsonAsync("/api/auth/change-password",
            new { currentPassword = Password, newPassword = NewPassword }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
