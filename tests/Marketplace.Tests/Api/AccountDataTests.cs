using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Listings;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// An account a person can take away: GET /api/me/export downloads everything held about it, POST /api/me/delete
/// (the password asked again) deletes it. Every table with a foreign key to the account has a section in the export
/// and a rule in the deletion; a table added without them fails here.
/// </summary>
public sealed class AccountDataTests(SharedApi shared) : IClassFixture<SharedApi>
{
    /// <summary>
    /// Each foreign key to the account: the export's section for its rows, and whether a deletion keeps them (they name the
    /// account's id, never its address) or deletes them.
    /// </summary>
    private static readonly Dictionary<string, (string Section, bool KeptByDeletion)> ReferencesToTheAccount = new()
    {
        ["Listing.SellerId"] = ("listings", true),
        ["ListingReport.ReporterId"] = ("reportsFiled", true),
        ["AdminAuditLog.AdminId"] = ("adminActions", true),
        ["AccountActivity.UserId"] = ("activity", true),
        ["Session.UserId"] = ("sessions", false),
        ["RefreshToken.UserId"] = ("refreshTokens", false),
        ["VerificationToken.UserId"] = ("verificationLinks", false),
        ["PasswordResetToken.UserId"] = ("passwordResetLinks", false),
        ["EmailChangeRevertToken.UserId"] = ("emailChangeRevertLinks", false),
        ["OutboxMail.UserId"] = ("mails", false),
        ["Conversation.BuyerId"] = ("conversations", true),
        ["Conversation.SellerId"] = ("conversations", true),
        ["ConversationParticipant.UserId"] = ("conversations", true),
        ["ConversationMessage.SenderId"] = ("conversations", true),
        ["ConversationReport.ReporterId"] = ("conversationReportsFiled", true),
        ["ConversationReportView.AdminId"] = ("conversationReportsRead", true),
        ["UserBlock.BlockerId"] = ("blocks", false),
        ["UserBlock.BlockedId"] = ("blocks", false),
        ["Favourite.UserId"] = ("favourites", false),
        ["SavedSearch.UserId"] = ("savedSearches", false),
    };

    // Listing.RemovedById and ListingReport.ResolvedById name an admin without a foreign key (an admin's record outlives
    // the admin); the export has them too (listingsRemoved, reportsResolved), and a deletion keeps them.

    private ApiApp App => shared.App;

    [Fact]
    public async Task Every_foreign_key_to_the_account_has_a_section_in_the_export_and_a_rule_in_the_deletion()
    {
        var references = ForeignKeysToTheAccount().Select(r => r.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(ReferencesToTheAccount.Keys.Order(StringComparer.Ordinal), references);
        var account = await App.SignUpAsync();
        using var export = JsonDocument.Parse(await account.Client.GetStringAsync("/api/me/export", Ct));
        Assert.All(ReferencesToTheAccount.Values, r => Assert.Equal(JsonValueKind.Array, export.RootElement.GetProperty(r.Section).ValueKind));
    }

    [Fact]
    public async Task The_export_is_a_JSON_file_of_the_account_its_listings_with_photo_URLs_and_reports_and_never_a_token()
    {
        var account = await App.SignUpAsync();
        var pair = await App.SignInAsync(account.Email);
        var listing = await CreateListingAsync(account, "Brass lamp");
        await App.Db.ExecuteAsync($"""
            INSERT INTO "ListingImage" ("ListingId", "Position", "ContentHash", "ThumbnailBlobName", "DisplayBlobName", "Width", "Height", "AltText")
            VALUES ({listing}, 0, '{new string('a', 64)}', '{new string('a', 64)}/320.webp', '{new string('a', 64)}/1280.webp', 40, 30, 'Lamp')
            """, Ct);
        var other = await App.SignUpAsync();
        var theirs = await CreateListingAsync(other, "Red bike");
        using (var report = await account.Client.PostAsJsonAsync($"/api/listings/{theirs}/reports", new { reason = "Looks stolen." }, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, report.StatusCode);
        }

        using var response = await account.Client.GetAsync("/api/me/export", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(pair.RefreshToken, body, StringComparison.Ordinal);
        Assert.DoesNotContain(account.Password, body, StringComparison.Ordinal);
        Assert.DoesNotContain("AQAAAA", body, StringComparison.Ordinal);
        var export = JsonSerializer.Deserialize<AccountExport>(body, Json)!;
        Assert.Equal((account.Id, account.Email), (export.Account.Id, export.Account.Email));
        var lamp = Assert.Single(export.Listings);
        Assert.Equal("Brass lamp", lamp.Title);
        Assert.Contains("/api/images/", Assert.Single(lamp.Images!).ThumbnailUrl, StringComparison.Ordinal);
        Assert.Equal(theirs, Assert.Single(export.ReportsFiled).ListingId);
        Assert.True(export.Sessions.Count >= 2);
        Assert.Equal("data_exported", export.Activity[^1].Kind);
        Assert.Equal(1L, await App.Db.ScalarAsync<long>(
            $"""SELECT count(*) FROM "AccountActivity" WHERE "UserId" = '{account.Id}' AND "Kind" = 'data_exported'""", Ct));
    }

    [Fact]
    public async Task Deleting_asks_the_password_again_and_a_wrong_one_is_a_400_naming_it_that_changes_nothing()
    {
        var account = await App.SignUpAsync();

        using var response = await account.Client.PostAsJsonAsync("/api/me/delete", new { currentPassword = "not the password" }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "currentPassword");
        await account.Client.AssertSignedInAsync();
        Assert.Equal(HttpStatusCode.OK, await App.LoginStatusAsync(account.Email));
    }

    [Fact]
    public async Task Deleting_archives_the_listings_deletes_their_photos_ends_every_session_anonymises_the_account_and_keeps_its_id()
    {
        var admin = await App.SignUpAdminAsync();
        var account = await App.SignUpAsync();
        var listing = await CreateListingAsync(account, "Walnut desk");
        // What only served the account goes with it: a favourite and a saved search of its own.
        var seller = await App.SignUpAsync();
        var theirs = await CreateListingAsync(seller, "Oak chair");
        (await account.Client.PutAsync($"/api/me/favourites/{theirs}", null, Ct)).EnsureSuccessStatusCode();
        (await account.Client.PostAsJsonAsync("/api/me/saved-searches", new { q = "chair" }, Ct)).EnsureSuccessStatusCode();
        Assert.Equal(1L, await App.Db.ScalarAsync<long>($"""SELECT count(*) FROM "Favourite" WHERE "UserId" = '{account.Id}'""", Ct));
        Assert.Equal(1L, await App.Db.ScalarAsync<long>($"""SELECT count(*) FROM "SavedSearch" WHERE "UserId" = '{account.Id}'""", Ct));
        await App.Db.ExecuteAsync($"""
            INSERT INTO "ListingImage" ("ListingId", "Position", "ContentHash", "ThumbnailBlobName", "DisplayBlobName", "Width", "Height", "AltText")
            VALUES ({listing}, 0, '{new string('b', 64)}', '{new string('b', 64)}/320.webp', '{new string('b', 64)}/1280.webp', 40, 30, 'Desk')
            """, Ct);
        // An admin's action about the account whose reason names its address.
        using (var suspend = await admin.Client.PostAsJsonAsync($"/api/admin/users/{account.Id}/suspend", new { reason = $"Spam from {account.Email}" }, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, suspend.StatusCode);
        }

        using (var reinstate = await admin.Client.PostAsJsonAsync($"/api/admin/users/{account.Id}/reinstate", new { reason = "Appeal" }, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, reinstate.StatusCode);
        }

        Assert.True(await AuditNamesAsync(account.Email));
        var pair = await App.SignInAsync(account.Email);
        var other = await App.SignInAsync(account.Email);
        using var client = App.CreateClient(pair.AccessToken);

        using var response = await client.PostAsJsonAsync("/api/me/delete", new { currentPassword = Password }, Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await client.AssertSignedOutAsync();
        await App.CreateClient(other.AccessToken).AssertSignedOutAsync();
        await (await App.RefreshAsync(other.RefreshToken)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, await App.LoginStatusAsync(account.Email));
        Assert.Equal("archived", await App.Db.ScalarAsync<string>($"""SELECT "Status"::text FROM "Listing" WHERE "Id" = {listing}""", Ct));
        Assert.Equal(0L, await App.Db.ScalarAsync<long>($"""SELECT count(*) FROM "ListingImage" WHERE "ListingId" = {listing}""", Ct));
        Assert.Equal("Deleted account", await App.Db.ScalarAsync<string>($"""SELECT "DisplayName" FROM "User" WHERE "Id" = '{account.Id}'""", Ct));
        Assert.Equal(0L, await App.Db.ScalarAsync<long>($"""SELECT count(*) FROM "User" WHERE "NormalizedEmail" = '{account.Email.ToUpperInvariant()}'""", Ct));
        Assert.False(await AuditNamesAsync(account.Email));
        Assert.True(await App.Db.ScalarAsync<bool>($"""SELECT count(*) > 0 FROM "AdminAuditLog" WHERE "TargetId" = '{account.Id}'""", Ct));
        Assert.Equal(1L, await App.Db.ScalarAsync<long>(
            $"""SELECT count(*) FROM "AccountActivity" WHERE "UserId" = '{account.Id}' AND "Kind" = 'account_deleted'""", Ct));
        // Mails stop: nothing about the account is left in the outbox, nothing is sent to its address.
        Assert.Equal(0L, await App.Db.ScalarAsync<long>($"""SELECT count(*) FROM "OutboxMail" WHERE lower("ToAddress") = lower('{account.Email}')""", Ct));
        foreach (var (name, table, column) in ForeignKeysToTheAccount())
        {
            var rows = await App.Db.ScalarAsync<long>($"""SELECT count(*) FROM "{table}" WHERE "{column}" = '{account.Id}'""", Ct);
            if (!ReferencesToTheAccount[name].KeptByDeletion)
            {
                Assert.True(rows == 0, $"{name}: {rows} rows left after the deletion");
            }
        }

        // The address is free again: registering it makes a new account, as for anyone new.
        var fresh = await App.SignUpAsync(account.Email);
        Assert.NotEqual(account.Id, fresh.Id);
    }

    private static async Task<long> CreateListingAsync(Account seller, string title)
    {
        using var created = await seller.Client.PostAsJsonAsync("/api/listings",
            new { title, description = "As new.", price = "25.00", categorySlug = "home-and-garden" }, Ct);
        return (await created.ReadAsync<ListingResponse>(HttpStatusCode.Created)).Id;
    }

    private Task<bool> AuditNamesAsync(string email) =>
        App.Db.ScalarAsync<bool>($"""SELECT count(*) > 0 FROM "AdminAuditLog" WHERE "Details"::text ILIKE '%{email}%'""", Ct);

    /// <summary>Every foreign key of the model whose principal is the account: its name (entity.property), table and column.</summary>
    private List<(string Name, string Table, string Column)> ForeignKeysToTheAccount()
    {
        using var scope = App.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Model;
        return model.GetEntityTypes()
            .SelectMany(t => t.GetForeignKeys())
            .Where(fk => fk.PrincipalEntityType.ClrType == typeof(User))
            .Select(fk =>
            {
                var table = StoreObjectIdentifier.Table(fk.DeclaringEntityType.GetTableName()!, fk.DeclaringEntityType.GetSchema());
                var property = Assert.Single(fk.Properties);
                return ($"{fk.DeclaringEntityType.ClrType.Name}.{property.Name}", table.Name, property.GetColumnName(table)!);
            })
            .ToList();
    }
}
