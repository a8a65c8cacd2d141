using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Settings;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>GET and PATCH /api/me: the account as its owner sees it and its display name; GET /api/marketplace.</summary>
public sealed class AccountApiTests(SharedApi shared) : IClassFixture<SharedApi>
{
    private ApiApp App => shared.App;

    [Fact]
    public async Task The_owner_sees_their_address_whether_it_is_verified_their_name_and_since_when()
    {
        var verified = await App.SignUpAsync();
        var unverified = await App.SignUpAsync(verified: false);

        var mine = await (await verified.Client.GetAsync("/api/me", Ct)).ReadAsync<AccountResponse>();
        var theirs = await (await unverified.Client.GetAsync("/api/me", Ct)).ReadAsync<AccountResponse>();

        Assert.Equal((verified.Id, verified.Email), (mine.Id, mine.Email));
        Assert.NotNull(mine.EmailVerifiedAt);
        Assert.Equal((unverified.Id, unverified.Email), (theirs.Id, theirs.Email));
        Assert.Null(theirs.EmailVerifiedAt);
        Assert.True(mine.MemberSince > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task A_new_display_name_is_trimmed_saved_shown_to_buyers_and_carried_by_the_next_token()
    {
        var seller = await App.SignUpAsync();

        using var changed = await seller.Client.PatchAsJsonAsync("/api/me", new { displayName = "  Ada of the Lamps  " }, Ct);

        Assert.Equal("Ada of the Lamps", (await changed.ReadAsync<AccountResponse>()).DisplayName);
        var profile = await App.CreateClient().GetFromJsonAsync<JsonElement>($"/api/users/{seller.Id}", Ct);
        Assert.Equal("Ada of the Lamps", profile.GetProperty("displayName").GetString());
        var pair = await App.SignInAsync(seller.Email);
        Assert.Equal("Ada of the Lamps", ClaimOf(pair.AccessToken, "name").GetString());
    }

    [Fact]
    public async Task A_blank_or_over_long_display_name_is_a_400_naming_it_and_nothing_changes()
    {
        var seller = await App.SignUpAsync();
        var before = await App.Db.ScalarAsync<string>($"""SELECT "DisplayName" FROM "User" WHERE "Id" = '{seller.Id}'""", Ct);

        using var blank = await seller.Client.PatchAsJsonAsync("/api/me", new { displayName = "   " }, Ct);
        using var tooLong = await seller.Client.PatchAsJsonAsync("/api/me", new { displayName = new string('n', AccountRules.DisplayNameMaxLength + 1) }, Ct);

        await blank.AssertProblemAsync(HttpStatusCode.BadRequest, "displayName");
        await tooLong.AssertProblemAsync(HttpStatusCode.BadRequest, "displayName");
        Assert.Equal(before, await App.Db.ScalarAsync<string>($"""SELECT "DisplayName" FROM "User" WHERE "Id" = '{seller.Id}'""", Ct));
    }

    [Fact]
    public async Task Anonymous_callers_get_a_401_problem()
    {
        using var anonymous = App.CreateClient();

        await (await anonymous.GetAsync("/api/me", Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PatchAsJsonAsync("/api/me", new { displayName = "Nobody" }, Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_access_token_says_whether_the_address_was_verified_when_it_was_issued()
    {
        var verified = await App.SignUpAsync();
        var unverified = await App.SignUpAsync(verified: false);

        Assert.True(ClaimOf((await App.SignInAsync(verified.Email)).AccessToken, "email_verified").GetBoolean());
        Assert.False(ClaimOf((await App.SignInAsync(unverified.Email)).AccessToken, "email_verified").GetBoolean());
    }

    [Fact]
    public async Task The_marketplace_settings_name_its_currency_to_anyone()
    {
        var settings = await (await App.CreateClient().GetAsync("/api/marketplace", Ct)).ReadAsync<MarketplaceSettingsResponse>();

        Assert.Equal("EUR", settings.Currency);
    }

    private static JsonElement ClaimOf(string accessToken, string claim)
    {
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(accessToken.Split('.')[1]));
        return payload.RootElement.GetProperty(claim).Clone();
    }
}
