using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Admin;
using Marketplace.Api.Auth;
using Marketplace.Api.Listings;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Admin;
using Marketplace.Contracts.Listings;
using Marketplace.Data.Entities;
using Marketplace.MigrationWorker.Commands;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;
using AdminAction = Marketplace.Contracts.Admin.AdminAction;
using AuditTargetType = Marketplace.Contracts.Admin.AuditTargetType;

namespace Marketplace.Tests.Api;

/// <summary>
/// The accounts story as a person and an operator live it, on the real processes (the worker, the built Api in
/// Production) and a real SMTP server: sign up and verify by mail, sell, forget the password and reset it, and an admin
/// made with the worker's create-admin who moderates and finds each action in the audit log.
/// </summary>
public sealed class AccountsStoryTests(PostgresServer server)
{
    private const string NewPassword = "a brand new passphrase";
    private const string AdminPassword = "a long admin passphrase";

    [Fact]
    public async Task A_seller_signs_up_by_mail_sells_resets_the_password_and_an_admin_made_by_the_worker_moderates_on_the_record()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        var migrated = await WorkerRunner.RunProcessAsync(
            new Dictionary<string, string?>(database.ApiLogin.WorkerEnvironment) { ["ConnectionStrings__marketplacedb"] = database.ConnectionString }, [], Ct);
        Assert.True(migrated.ExitCode == 0, migrated.ToString());
        await using var api = ApiProcess.Start(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__marketplacedb"] = database.ApiConnectionString,
            ["Jwt__SigningKey"] = ApiApp.SigningKey,
        });
        await api.WaitUntilReadyAsync();
        var inbox = SmtpInbox.Shared;

        // Sign up, follow the mail, sell.
        using var seller = new HttpClient { BaseAddress = api.BaseAddress };
        var email = $"story-{Guid.NewGuid():N}@example.com";
        Assert.Equal(HttpStatusCode.Accepted, (await seller.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Story" }, Ct)).StatusCode);
        await seller.FollowVerificationMailAsync(inbox, email);
        var oldSession = await (await seller.PostAsJsonAsync("/api/auth/login", new { email, password = Password }, Ct)).ReadAsync<AccessTokenResponse>();
        seller.DefaultRequestHeaders.Authorization = new("Bearer", oldSession.AccessToken);
        var sellerId = (await (await seller.GetAsync("/api/me", Ct)).ReadAsync<AccountResponse>()).Id;
        var listing = await (await seller.PostAsJsonAsync("/api/listings",
            new { title = "Story lamp", description = "Brass, works.", price = "40.00", categorySlug = "home-and-garden" }, Ct)).ReadAsync<ListingResponse>(HttpStatusCode.Created);

        // Forget the password and reset it by mail: the old password, access token and refresh token stop working.
        using var anonymous = new HttpClient { BaseAddress = api.BaseAddress };
        var mailsBefore = inbox.MailsTo(email).Count;
        Assert.Equal(HttpStatusCode.Accepted, (await anonymous.PostAsJsonAsync("/api/auth/forgot-password", new { email }, Ct)).StatusCode);
        var reset = (await inbox.WaitForMailAsync(email, mailsBefore + 1, cancellationToken: Ct)).Token("/reset-password");
        Assert.True((await anonymous.PostAsJsonAsync("/api/auth/reset-password", new { token = reset, newPassword = NewPassword }, Ct)).IsSuccessStatusCode);
        await (await seller.PostAsJsonAsync("/api/listings",
            new { title = "Second lamp", description = "Also brass.", price = "45.00", categorySlug = "home-and-garden" }, Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = oldSession.RefreshToken }, Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = Password }, Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var newSession = await (await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = NewPassword }, Ct)).ReadAsync<AccessTokenResponse>();
        seller.DefaultRequestHeaders.Authorization = new("Bearer", newSession.AccessToken);
        await (await seller.GetAsync($"/api/listings/{listing.Id}", Ct)).ReadAsync<ListingResponse>();

        // The operator makes the first admin with the worker, the password from the environment as a job would give it.
        var adminEmail = $"admin-{Guid.NewGuid():N}@example.com";
        var made = await WorkerRunner.RunProcessAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__marketplacedb"] = database.ConnectionString,
            [CreateAdminCommand.PasswordVariable] = AdminPassword,
        }, ["create-admin", "--email", adminEmail], Ct);
        Assert.True(made.ExitCode == 0, made.ToString());
        using var admin = new HttpClient { BaseAddress = api.BaseAddress };
        var adminSession = await (await admin.PostAsJsonAsync("/api/auth/login", new { email = adminEmail, password = AdminPassword }, Ct)).ReadAsync<AccessTokenResponse>();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", adminSession.AccessToken);

        // Manage a category, remove the listing, suspend the seller.
        var category = await (await admin.PostAsJsonAsync("/api/admin/categories", new { name = "Lamps", slug = UniqueSlug("lamps") }, Ct))
            .ReadAsync<AdminCategoryResponse>(HttpStatusCode.Created);
        await (await admin.PatchAsJsonAsync($"/api/admin/categories/{category.Id}", new { name = "Lamps and lights" }, Ct)).ReadAsync<AdminCategoryResponse>();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/admin/listings/{listing.Id}/remove", new { reason = "Counterfeit" }, Ct)).StatusCode);
        await (await anonymous.GetAsync($"/api/listings/{listing.Id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(listing.Id, (await (await anonymous.GetAsync("/api/listings?q=lamp", Ct)).ReadAsync<ListingPage>()).Items.Select(l => l.Id));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/admin/users/{sellerId}/suspend", new { reason = "Repeated counterfeits" }, Ct)).StatusCode);
        await (await seller.GetAsync("/api/admin/audit-log", Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = NewPassword }, Ct)).AssertProblemAsync(HttpStatusCode.Forbidden);

        // Each action, once, in the audit log: newest first, by this admin, with its target and reason.
        var log = await (await admin.GetAsync($"/api/admin/audit-log?adminId={AdminIdOf(adminSession)}", Ct)).ReadAsync<AuditLogPage>();
        Assert.Equal(
            [
                (AdminAction.UserSuspended, AuditTargetType.User, $"{sellerId}"),
                (AdminAction.ListingRemoved, AuditTargetType.Listing, $"{listing.Id}"),
                (AdminAction.CategoryUpdated, AuditTargetType.Category, $"{category.Id}"),
                (AdminAction.CategoryCreated, AuditTargetType.Category, $"{category.Id}"),
            ],
            log.Items.Select(e => (e.Action, e.TargetType, e.TargetId)));
        Assert.Contains("Counterfeit", log.Items[1].Details?.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Repeated counterfeits", log.Items[0].Details?.GetRawText(), StringComparison.Ordinal);
        var removals = await (await admin.GetAsync("/api/admin/audit-log?action=ListingRemoved", Ct)).ReadAsync<AuditLogPage>();
        Assert.Equal([$"{listing.Id}"], removals.Items.Select(e => e.TargetId));
    }

    /// <summary>The admin's id, as its access token says (the subject claim).</summary>
    private static Guid AdminIdOf(AccessTokenResponse session) =>
        Guid.Parse(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(session.AccessToken).Subject);
}
