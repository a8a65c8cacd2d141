using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Security.Cryptography;
using Marketplace.Api.Auth;
using Marketplace.Api.Images;
using Marketplace.Api.SavedSearches;
using Marketplace.Tests.Support;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// The security table: every operation of the OpenAPI document, sent by every kind of caller, with the status each
/// must get. The operations are read from the document, so an endpoint added without its row fails
/// <see cref="Every_operation_in_the_document_has_a_row_and_every_row_an_operation"/>. Each cell acts on a scene of its
/// own (fresh accounts, a fresh listing), so a cell that changes something changes nothing another cell sees.
/// </summary>
public sealed class SecurityTableTests(ImagesApi shared) : IClassFixture<ImagesApi>
{
    private ApiApp App => shared.App;

    /// <summary>Who sends the request. The scene's <see cref="Scene.Owner"/> owns what the request acts on.</summary>
    public enum Caller
    {
        Anonymous,

        /// <summary>The owner: a verified account whose listing, account or token the request concerns.</summary>
        VerifiedUser,
        UnverifiedUser,

        /// <summary>A verified account that owns nothing in the scene.</summary>
        AnotherUser,
        Admin,
        SuspendedUser,
        ExpiredToken,
        TokenSignedWithAnotherKey,
        AlgNoneToken,
        TokenIssuedBeforePasswordReset,
    }

    /// <summary>
    /// What the cell's request acts on: its owner (a verified seller) and their active listing, and what a row needs made
    /// on demand, before the caller's token is issued (so before a suspension or password reset the caller kind brings).
    /// </summary>
    public sealed class Scene(ApiApp app, User owner, long listingId, string categorySlug)
    {
        public User Owner => owner;

        public long ListingId => listingId;

        public string CategorySlug => categorySlug;

        /// <summary>A category of its own, for the admin's category operations.</summary>
        public Task<int> CategoryAsync(bool active = true) => app.AddCategoryAsync(UniqueSlug("table"), null, active);

        /// <summary>The owner's refresh token, from a real login.</summary>
        public async Task<string> RefreshTokenAsync() => (await app.SignInAsync(owner.Email)).RefreshToken;

        /// <summary>The link of the password reset mail the owner asked for.</summary>
        public async Task<string> ResetTokenAsync()
        {
            var before = app.Inbox.MailsTo(owner.Email).Count;
            using var client = app.CreateClient();
            (await client.PostAsJsonAsync("/api/auth/forgot-password", new { email = owner.Email }, Ct)).Dispose();
            return (await app.Inbox.WaitForMailAsync(owner.Email, before + 1, cancellationToken: Ct)).Token("/reset-password");
        }

        /// <summary>The verification link mailed to a new, unverified account.</summary>
        public async Task<string> VerificationTokenAsync()
        {
            var email = $"table-new-{Guid.NewGuid():N}@example.com";
            using var client = app.CreateClient();
            (await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "New" }, Ct)).Dispose();
            return (await app.Inbox.WaitForMailAsync(email, cancellationToken: Ct)).Token("/verify-email");
        }

        /// <summary>A user of its own, for the admin's user operations.</summary>
        public async Task<Guid> UserAsync(bool suspended = false)
        {
            var id = await app.InsertUserAsync();
            if (suspended)
            {
                await app.Db.ExecuteAsync($"""UPDATE "User" SET "SuspendedAt" = now(), "SuspensionReason" = 'table' WHERE "Id" = '{id}'""", Ct);
            }

            return id;
        }

        /// <summary>A photo of the owner's listing, its renditions in the blob store (written as an upload writes them).</summary>
        public async Task<(long Id, string ThumbnailPath)> ImageAsync()
        {
            var hash = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            var store = app.Services.GetRequiredService<IImageStore>();
            foreach (var size in new[] { 320, 1280 })
            {
                await store.PutAsync($"{hash}/{size}.webp", TestImages.WebP(40, 30), "image/webp", Ct);
            }

            var id = await app.Db.ScalarAsync<long>($"""
                INSERT INTO "ListingImage" ("ListingId", "Position", "ContentHash", "ThumbnailBlobName", "DisplayBlobName", "Width", "Height", "AltText")
                VALUES ({listingId}, 0, '{hash}', '{hash}/320.webp', '{hash}/1280.webp', 40, 30, 'Table') RETURNING "Id"
                """, Ct);
            return (id, $"/api/images/{hash}/320.webp");
        }

        /// <summary>The owner's listing, archived (written as the archive endpoint writes it).</summary>
        public async Task<long> ArchivedListingAsync()
        {
            await app.Db.ExecuteAsync($"""UPDATE "Listing" SET "Status" = 'archived' WHERE "Id" = {listingId}""", Ct);
            return listingId;
        }

        /// <summary>The owner's listing as a draft that was never published.</summary>
        public async Task<long> DraftListingAsync()
        {
            await app.Db.ExecuteAsync($"""UPDATE "Listing" SET "Status" = 'draft' WHERE "Id" = {listingId}""", Ct);
            return listingId;
        }

        /// <summary>An open report about the owner's listing, by an account of its own (written as the report endpoint writes it).</summary>
        public async Task<long> ReportAsync()
        {
            var reporter = await app.InsertUserAsync();
            return await app.Db.ScalarAsync<long>($"""
                INSERT INTO "ListingReport" ("ListingId", "ReporterId", "Reason") VALUES ({listingId}, '{reporter}', 'Table') RETURNING "Id"
                """, Ct);
        }

        /// <summary>A conversation about the owner's listing, opened by a buyer of its own (written as the first message writes it).</summary>
        public async Task<long> ConversationAsync()
        {
            var buyer = await app.InsertUserAsync();
            return await app.Db.ScalarAsync<long>($"""
                WITH c AS (
                    INSERT INTO "Conversation" ("ListingId", "BuyerId", "SellerId", "LastMessageAt") VALUES ({listingId}, '{buyer}', '{owner.Id}', now()) RETURNING "Id"
                ), p AS (
                    INSERT INTO "ConversationParticipant" ("ConversationId", "UserId", "LastMessageAt", "UnreadCount")
                    SELECT "Id", '{buyer}'::uuid, now(), 0 FROM c UNION ALL SELECT "Id", '{owner.Id}'::uuid, now(), 1 FROM c
                ), m AS (
                    INSERT INTO "ConversationMessage" ("ConversationId", "SenderId", "Body") SELECT "Id", '{buyer}', 'Still for sale?' FROM c
                )
                SELECT "Id" FROM c
                """, Ct);
        }

        /// <summary>An open report of a conversation about the owner's listing, filed by its buyer.</summary>
        public async Task<long> ConversationReportAsync()
        {
            var conversation = await ConversationAsync();
            return await app.Db.ScalarAsync<long>($"""
                INSERT INTO "ConversationReport" ("ConversationId", "ReporterId", "Reason")
                SELECT "Id", "BuyerId", 'Table' FROM "Conversation" WHERE "Id" = {conversation} RETURNING "Id"
                """, Ct);
        }

        /// <summary>A search the owner saved, with alerts.</summary>
        public Task<long> SavedSearchAsync() => app.Db.ScalarAsync<long>($"""
            INSERT INTO "SavedSearch" ("UserId", "Query", "Alerts") VALUES ('{owner.Id}', 'desk', 'immediate') RETURNING "Id"
            """, Ct);

        /// <summary>The query of the unsubscribe link in the alert mails of a search the owner saved.</summary>
        public async Task<(long Search, string Token)> UnsubscribeLinkAsync()
        {
            var search = await SavedSearchAsync();
            return (search, app.Services.GetRequiredService<UnsubscribeKey>().TokenFor(search));
        }

        /// <summary>The owner's listing, removed by an admin (written as the remove endpoint writes it).</summary>
        public async Task<long> RemovedListingAsync()
        {
            await app.Db.ExecuteAsync($"""UPDATE "Listing" SET "RemovedAt" = now(), "RemovalReason" = 'table' WHERE "Id" = {listingId}""", Ct);
            return listingId;
        }
    }

    /// <summary>One operation: how to send it in a scene, and the status for each caller.</summary>
    private sealed record Row(string Method, string Path, Func<Scene, Task<HttpRequestMessage>> Request, Dictionary<Caller, HttpStatusCode> Expected);

    private static readonly Caller[] Callers = Enum.GetValues<Caller>();

    /// <summary>Callers whose bearer token must not authenticate: on a public operation they are served as anonymous.</summary>
    private static readonly Caller[] Unauthenticated =
    [
        Caller.Anonymous, Caller.SuspendedUser, Caller.ExpiredToken, Caller.TokenSignedWithAnotherKey, Caller.AlgNoneToken,
        Caller.TokenIssuedBeforePasswordReset,
    ];

    private const HttpStatusCode Ok = HttpStatusCode.OK;
    private const HttpStatusCode NoContent = HttpStatusCode.NoContent;
    private const HttpStatusCode Forbidden = HttpStatusCode.Forbidden;
    private const HttpStatusCode NotFound = HttpStatusCode.NotFound;
    private const HttpStatusCode Unauthorized = HttpStatusCode.Unauthorized;

    private const string NewPassword = "a brand new passphrase";

    private static readonly Dictionary<string, Row> Table = new()
    {
        // Anyone may read; a token that does not authenticate is ignored, not refused.
        ["GetCategoryTree"] = Public("get", "/api/categories", _ => Get("/api/categories")),
        ["GetCategory"] = Public("get", "/api/categories/{slug}", s => Get($"/api/categories/{s.CategorySlug}")),
        ["SearchListings"] = Public("get", "/api/listings", _ => Get("/api/listings")),
        // A suspended seller's listing answers as a removed one does (the suspended caller kind suspends the scene's owner).
        ["GetListing"] = Public("get", "/api/listings/{id}", s => Get($"/api/listings/{s.ListingId}"),
            except: new() { [Caller.SuspendedUser] = NotFound }),
        // A suspended seller has no public profile (the suspended caller kind suspends the scene's owner).
        ["GetSellerProfile"] = Public("get", "/api/users/{id}", s => Get($"/api/users/{s.Owner.Id}"),
            except: new() { [Caller.SuspendedUser] = NotFound }),

        // Signing up and in needs no token. The owner's password, refresh token and reset link go with a suspension
        // (403 at login, the refresh token revoked) and with a password reset (the old password and tokens refused).
        ["Register"] = Public("post", "/api/auth/register", _ => Post("/api/auth/register",
            new { email = $"new-{Guid.NewGuid():N}@example.com", password = Password, displayName = "New" }), HttpStatusCode.Accepted),
        ["Login"] = Public("post", "/api/auth/login", s => Post("/api/auth/login", new { email = s.Owner.Email, password = Password }),
            except: new() { [Caller.SuspendedUser] = Forbidden, [Caller.TokenIssuedBeforePasswordReset] = Unauthorized }),
        ["Refresh"] = Public("post", "/api/auth/refresh", async s => await Post("/api/auth/refresh", new { refreshToken = await s.RefreshTokenAsync() }),
            except: new() { [Caller.SuspendedUser] = Unauthorized, [Caller.TokenIssuedBeforePasswordReset] = Unauthorized }),
        ["ForgotPassword"] = Public("post", "/api/auth/forgot-password", s => Post("/api/auth/forgot-password", new { email = s.Owner.Email }), HttpStatusCode.Accepted),
        ["ResetPassword"] = Public("post", "/api/auth/reset-password",
            async s => await Post("/api/auth/reset-password", new { token = await s.ResetTokenAsync(), newPassword = "yet another passphrase" }), NoContent,
            // A suspension ends every session and, with them, the reset links mailed before it.
            except: new() { [Caller.TokenIssuedBeforePasswordReset] = HttpStatusCode.BadRequest, [Caller.SuspendedUser] = HttpStatusCode.BadRequest }),
        // The link back from an address change is the only credential: a token of a session changes nothing.
        ["RevertEmailChange"] = Public("post", "/api/auth/revert-email-change",
            _ => Post("/api/auth/revert-email-change", new { token = "not-a-mailed-token", newPassword = NewPassword }), HttpStatusCode.BadRequest),
        ["VerifyEmail"] = Public("post", "/api/auth/verify-email", async s => await Post("/api/auth/verify-email", new { token = await s.VerificationTokenAsync() })),

        // The signed-in account's own business.
        ["SignOut"] = Signed("post", "/api/auth/sign-out", _ => Post("/api/auth/sign-out"), NoContent,
            unverified: NoContent, another: NoContent, admin: NoContent),
        ["SignOutEverywhere"] = Signed("post", "/api/auth/sign-out-everywhere", _ => Post("/api/auth/sign-out-everywhere"), NoContent,
            unverified: NoContent, another: NoContent, admin: NoContent),
        ["ChangePassword"] = Signed("post", "/api/auth/change-password",
            _ => Post("/api/auth/change-password", new { currentPassword = Password, newPassword = NewPassword }), Ok,
            unverified: Ok, another: Ok, admin: Ok),
        ["ChangeEmail"] = Signed("post", "/api/auth/change-email",
            _ => Post("/api/auth/change-email", new { newEmail = $"moved-{Guid.NewGuid():N}@example.com", currentPassword = Password }), HttpStatusCode.Accepted,
            unverified: HttpStatusCode.Accepted, another: HttpStatusCode.Accepted, admin: HttpStatusCode.Accepted),
        ["ResendVerification"] = Signed("post", "/api/auth/resend-verification", _ => Post("/api/auth/resend-verification"), HttpStatusCode.Conflict,
            unverified: HttpStatusCode.Accepted, another: HttpStatusCode.Conflict, admin: HttpStatusCode.Conflict),

        // Listings: a verified email to write, and only the seller's own.
        ["CreateListing"] = Signed("post", "/api/listings", s => Post("/api/listings", NewListing(s)), HttpStatusCode.Created,
            unverified: Forbidden, another: HttpStatusCode.Created, admin: HttpStatusCode.Created),
        ["UpdateListing"] = Signed("put", "/api/listings/{id}", s => Send(HttpMethod.Put, $"/api/listings/{s.ListingId}", NewListing(s)), Ok,
            unverified: Forbidden, another: NotFound, admin: NotFound),
        ["ArchiveListing"] = Signed("delete", "/api/listings/{id}", s => Send(HttpMethod.Delete, $"/api/listings/{s.ListingId}"), NoContent,
            unverified: NotFound, another: NotFound, admin: NotFound),
        ["GetMyListings"] = Signed("get", "/api/me/listings", _ => Get("/api/me/listings"), Ok, unverified: Ok, another: Ok, admin: Ok),
        // Relisting puts a listing back in front of buyers (a verified email); deleting is for drafts only.
        ["RelistListing"] = Signed("post", "/api/listings/{id}/relist", async s => await Post($"/api/listings/{await s.ArchivedListingAsync()}/relist"), Ok,
            unverified: Forbidden, another: NotFound, admin: NotFound),
        ["DeleteDraftListing"] = Signed("delete", "/api/listings/{id}/draft", async s => await Send(HttpMethod.Delete, $"/api/listings/{await s.DraftListingAsync()}/draft"),
            NoContent, unverified: NotFound, another: NotFound, admin: NotFound),

        // The signed-in account as its owner sees it; each caller sees and names its own.
        ["GetMyAccount"] = Signed("get", "/api/me", _ => Get("/api/me"), Ok, unverified: Ok, another: Ok, admin: Ok),
        ["UpdateMyAccount"] = Signed("patch", "/api/me", _ => Send(HttpMethod.Patch, "/api/me", new { displayName = "Renamed" }), Ok,
            unverified: Ok, another: Ok, admin: Ok),
        // Taking one's account away: each caller downloads and deletes its own, never another's.
        ["ExportMyData"] = Signed("get", "/api/me/export", _ => Get("/api/me/export"), Ok, unverified: Ok, another: Ok, admin: Ok),
        ["DeleteMyAccount"] = Signed("post", "/api/me/delete", _ => Post("/api/me/delete", new { currentPassword = Password }), NoContent,
            unverified: NoContent, another: NoContent, admin: NoContent),
        ["GetMarketplaceSettings"] = Public("get", "/api/marketplace", _ => Get("/api/marketplace")),

        // Buyers: a verified email to write to a seller or to report; never about one's own listing (409).
        ["ContactSeller"] = Signed("post", "/api/listings/{id}/contact", s => Post($"/api/listings/{s.ListingId}/contact", new { message = "Still there?" }),
            HttpStatusCode.Conflict, unverified: Forbidden, another: HttpStatusCode.Accepted, admin: HttpStatusCode.Accepted),
        // Conversations: a verified email to start one, never about one's own listing (409); only its two sides read and
        // write it (the scene's owner is the seller), everyone else gets 404, admins too.
        ["StartConversation"] = Signed("post", "/api/listings/{id}/conversation", s => Post($"/api/listings/{s.ListingId}/conversation", new { message = "Still there?" }),
            HttpStatusCode.Conflict, unverified: Forbidden, another: HttpStatusCode.Created, admin: HttpStatusCode.Created),
        ["GetInbox"] = Signed("get", "/api/conversations", _ => Get("/api/conversations"), Ok, unverified: Ok, another: Ok, admin: Ok),
        ["GetUnreadCount"] = Signed("get", "/api/conversations/unread", _ => Get("/api/conversations/unread"), Ok, unverified: Ok, another: Ok, admin: Ok),
        ["GetConversation"] = Signed("get", "/api/conversations/{id}", async s => await Get($"/api/conversations/{await s.ConversationAsync()}"), Ok,
            unverified: NotFound, another: NotFound, admin: NotFound),
        ["SendMessage"] = Signed("post", "/api/conversations/{id}/messages",
            async s => await Post($"/api/conversations/{await s.ConversationAsync()}/messages", new { message = "Yes." }), HttpStatusCode.Created,
            unverified: NotFound, another: NotFound, admin: NotFound),
        ["MarkConversationRead"] = Signed("post", "/api/conversations/{id}/read", async s => await Post($"/api/conversations/{await s.ConversationAsync()}/read"), NoContent,
            unverified: NotFound, another: NotFound, admin: NotFound),
        ["BlockConversationPartner"] = Signed("put", "/api/conversations/{id}/block",
            async s => await Send(HttpMethod.Put, $"/api/conversations/{await s.ConversationAsync()}/block"), NoContent,
            unverified: NotFound, another: NotFound, admin: NotFound),
        ["UnblockConversationPartner"] = Signed("delete", "/api/conversations/{id}/block",
            async s => await Send(HttpMethod.Delete, $"/api/conversations/{await s.ConversationAsync()}/block"), NoContent,
            unverified: NotFound, another: NotFound, admin: NotFound),
        ["ReportConversation"] = Signed("post", "/api/conversations/{id}/reports",
            async s => await Post($"/api/conversations/{await s.ConversationAsync()}/reports", new { reason = "Rude." }), HttpStatusCode.Accepted,
            unverified: NotFound, another: NotFound, admin: NotFound),

        // Favourites and saved searches: each account's own; another's saved search does not exist for them.
        ["GetFavourites"] = Signed("get", "/api/me/favourites", _ => Get("/api/me/favourites"), Ok, unverified: Ok, another: Ok, admin: Ok),
        ["GetFavouriteIds"] = Signed("get", "/api/me/favourite-ids", s => Get($"/api/me/favourite-ids?listingId={s.ListingId}"), Ok, unverified: Ok, another: Ok, admin: Ok),
        ["SaveFavourite"] = Signed("put", "/api/me/favourites/{listingId}", s => Send(HttpMethod.Put, $"/api/me/favourites/{s.ListingId}"), HttpStatusCode.Conflict,
            unverified: NoContent, another: NoContent, admin: NoContent),
        ["RemoveFavourite"] = Signed("delete", "/api/me/favourites/{listingId}", s => Send(HttpMethod.Delete, $"/api/me/favourites/{s.ListingId}"), NoContent,
            unverified: NoContent, another: NoContent, admin: NoContent),
        ["GetSavedSearches"] = Signed("get", "/api/me/saved-searches", _ => Get("/api/me/saved-searches"), Ok, unverified: Ok, another: Ok, admin: Ok),
        ["SaveSearch"] = Signed("post", "/api/me/saved-searches", s => Post("/api/me/saved-searches", new { q = "desk", categorySlug = s.CategorySlug, alerts = "Daily" }),
            HttpStatusCode.Created, unverified: HttpStatusCode.Created, another: HttpStatusCode.Created, admin: HttpStatusCode.Created),
        ["UpdateSavedSearch"] = Signed("patch", "/api/me/saved-searches/{id}",
            async s => await Send(HttpMethod.Patch, $"/api/me/saved-searches/{await s.SavedSearchAsync()}", new { alerts = "Off" }), Ok,
            unverified: NotFound, another: NotFound, admin: NotFound),
        ["DeleteSavedSearch"] = Signed("delete", "/api/me/saved-searches/{id}", async s => await Send(HttpMethod.Delete, $"/api/me/saved-searches/{await s.SavedSearchAsync()}"),
            NoContent, unverified: NotFound, another: NotFound, admin: NotFound),
        ["VisitSavedSearch"] = Signed("post", "/api/me/saved-searches/{id}/visit", async s => await Post($"/api/me/saved-searches/{await s.SavedSearchAsync()}/visit"), Ok,
            unverified: NotFound, another: NotFound, admin: NotFound),
        // The unsubscribe link works for whoever holds it, signed in or not, and only with its token.
        ["GetAlertSubscription"] = Public("get", "/api/alerts/unsubscribe",
            async s => await Get((await s.UnsubscribeLinkAsync()) is var (search, token) ? $"/api/alerts/unsubscribe?search={search}&token={token}" : "")),
        ["UnsubscribeAlerts"] = Public("post", "/api/alerts/unsubscribe",
            async s => await Post("/api/alerts/unsubscribe", (await s.UnsubscribeLinkAsync()) is var (search, token) ? new { search, token } : null), NoContent),

        ["ReportListing"] = Signed("post", "/api/listings/{id}/reports", s => Post($"/api/listings/{s.ListingId}/reports", new { reason = "Fake." }),
            HttpStatusCode.Conflict, unverified: Forbidden, another: HttpStatusCode.Accepted, admin: HttpStatusCode.Accepted),

        // A listing's photos: the seller's to change (a verified email to write); anyone sees those of an active listing.
        ["UploadListingImages"] = Signed("post", "/api/listings/{id}/images", s => Upload(s.ListingId), HttpStatusCode.Created,
            unverified: Forbidden, another: NotFound, admin: NotFound),
        ["ReorderListingImages"] = Signed("put", "/api/listings/{id}/images/order",
            async s => await Send(HttpMethod.Put, $"/api/listings/{s.ListingId}/images/order", new { imageIds = new[] { (await s.ImageAsync()).Id } }), Ok,
            unverified: Forbidden, another: NotFound, admin: NotFound),
        ["UpdateListingImage"] = Signed("patch", "/api/listings/{id}/images/{imageId}",
            async s => await Send(HttpMethod.Patch, $"/api/listings/{s.ListingId}/images/{(await s.ImageAsync()).Id}", new { altText = "Table" }), Ok,
            unverified: Forbidden, another: NotFound, admin: NotFound),
        ["DeleteListingImage"] = Signed("delete", "/api/listings/{id}/images/{imageId}",
            async s => await Send(HttpMethod.Delete, $"/api/listings/{s.ListingId}/images/{(await s.ImageAsync()).Id}"), NoContent,
            unverified: Forbidden, another: NotFound, admin: NotFound),
        ["GetImage"] = Public("get", "/api/images/{hash}/{rendition}", async s => await Get((await s.ImageAsync()).ThumbnailPath),
            except: new() { [Caller.SuspendedUser] = NotFound }),

        // Admins only: 403 for every other account.
        ["AdminCreateCategory"] = AdminOnly("post", "/api/admin/categories",
            _ => Post("/api/admin/categories", new { name = "Table", slug = UniqueSlug("table-new") }), HttpStatusCode.Created),
        ["AdminUpdateCategory"] = AdminOnly("patch", "/api/admin/categories/{id}",
            async s => await Send(HttpMethod.Patch, $"/api/admin/categories/{await s.CategoryAsync()}", new { name = "Renamed" }), Ok),
        ["AdminMoveCategory"] = AdminOnly("post", "/api/admin/categories/{id}/move",
            async s => await Post($"/api/admin/categories/{await s.CategoryAsync()}/move", new { parentId = await s.CategoryAsync() }), Ok),
        ["AdminReorderCategory"] = AdminOnly("post", "/api/admin/categories/{id}/reorder",
            async s => await Post($"/api/admin/categories/{await s.CategoryAsync()}/reorder", new { sortOrder = 5 }), Ok),
        ["AdminDeactivateCategory"] = AdminOnly("post", "/api/admin/categories/{id}/deactivate",
            async s => await Post($"/api/admin/categories/{await s.CategoryAsync()}/deactivate", new { reason = "Table" }), Ok),
        ["AdminReactivateCategory"] = AdminOnly("post", "/api/admin/categories/{id}/reactivate",
            async s => await Post($"/api/admin/categories/{await s.CategoryAsync(active: false)}/reactivate", new { reason = "Table" }), Ok),
        ["AdminRemoveListing"] = AdminOnly("post", "/api/admin/listings/{id}/remove",
            s => Post($"/api/admin/listings/{s.ListingId}/remove", new { reason = "Table" }), NoContent),
        ["AdminRestoreListing"] = AdminOnly("post", "/api/admin/listings/{id}/restore",
            async s => await Post($"/api/admin/listings/{await s.RemovedListingAsync()}/restore", new { reason = "Table" }), NoContent),
        ["AdminSuspendUser"] = AdminOnly("post", "/api/admin/users/{id}/suspend",
            async s => await Post($"/api/admin/users/{await s.UserAsync()}/suspend", new { reason = "Table" }), NoContent),
        ["AdminReinstateUser"] = AdminOnly("post", "/api/admin/users/{id}/reinstate",
            async s => await Post($"/api/admin/users/{await s.UserAsync(suspended: true)}/reinstate", new { reason = "Table" }), NoContent),
        ["AdminChangeUserRole"] = AdminOnly("put", "/api/admin/users/{id}/role",
            async s => await Send(HttpMethod.Put, $"/api/admin/users/{await s.UserAsync()}/role", new { role = "Admin", reason = "Table" }), NoContent),
        ["AdminGetAuditLog"] = AdminOnly("get", "/api/admin/audit-log", _ => Get("/api/admin/audit-log"), Ok),
        ["AdminGetReports"] = AdminOnly("get", "/api/admin/reports", _ => Get("/api/admin/reports"), Ok),
        ["AdminGetReportQueue"] = AdminOnly("get", "/api/admin/reports/queue", _ => Get("/api/admin/reports/queue"), Ok),
        ["AdminDismissReport"] = AdminOnly("post", "/api/admin/reports/{id}/dismiss",
            async s => await Post($"/api/admin/reports/{await s.ReportAsync()}/dismiss", new { note = "Table" }), NoContent),
        ["AdminSearchListings"] = AdminOnly("get", "/api/admin/listings", s => Get($"/api/admin/listings?sellerId={s.Owner.Id}"), Ok),
        ["AdminGetListing"] = AdminOnly("get", "/api/admin/listings/{id}", s => Get($"/api/admin/listings/{s.ListingId}"), Ok),
        ["AdminSearchUsers"] = AdminOnly("get", "/api/admin/users", _ => Get("/api/admin/users?q=table"), Ok),
        ["AdminGetUser"] = AdminOnly("get", "/api/admin/users/{id}", s => Get($"/api/admin/users/{s.Owner.Id}"), Ok),
        ["AdminGetCategories"] = AdminOnly("get", "/api/admin/categories", _ => Get("/api/admin/categories"), Ok),
        ["AdminGetConversationReport"] = AdminOnly("get", "/api/admin/conversation-reports/{id}",
            async s => await Get($"/api/admin/conversation-reports/{await s.ConversationReportAsync()}"), Ok),
        ["AdminDismissConversationReport"] = AdminOnly("post", "/api/admin/conversation-reports/{id}/dismiss",
            async s => await Post($"/api/admin/conversation-reports/{await s.ConversationReportAsync()}/dismiss", new { note = "Table" }), NoContent),
    };

    public static TheoryData<string> Operations => [.. Table.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Every_operation_in_the_document_has_a_row_and_every_row_an_operation()
    {
        using var client = App.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct));
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(method => (Id: method.Value.GetProperty("operationId").GetString()!, Method: method.Name, Path: path.Name)))
            .ToList();

        Assert.Empty(operations.Where(o => !Table.ContainsKey(o.Id)).Select(o => $"{o.Method.ToUpperInvariant()} {o.Path} ({o.Id}) has no row"));
        Assert.Empty(Table.Keys.Where(id => !operations.Any(o => o.Id == id)).Select(id => $"{id} is not in the document"));
        foreach (var (id, method, path) in operations)
        {
            Assert.Equal((method, path), (Table[id].Method, Table[id].Path));
        }
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Each_caller_gets_the_status_of_its_cell(string operationId)
    {
        var row = Table[operationId];
        var wrong = new List<string>();
        foreach (var caller in Callers)
        {
            var scene = await NewSceneAsync();
            using var request = await row.Request(scene);
            using var client = App.CreateClient();
            if (await TokenAsync(caller, scene) is { } token)
            {
                client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            }

            using var response = await client.SendAsync(request, Ct);
            var expected = row.Expected[caller];
            if (response.StatusCode != expected)
            {
                wrong.Add($"{caller}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
            }
            else if ((int)expected >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.True(wrong.Count == 0, $"{row.Method.ToUpperInvariant()} {row.Path}:\n" + string.Join("\n", wrong));
    }

    /// <summary>An operation anyone may call; a token that does not authenticate is ignored, not refused.</summary>
    private static Row Public(
        string method, string path, Func<Scene, Task<HttpRequestMessage>> request, HttpStatusCode ok = HttpStatusCode.OK,
        Dictionary<Caller, HttpStatusCode>? except = null)
    {
        var expected = Callers.ToDictionary(c => c, _ => ok);
        foreach (var (caller, status) in except ?? [])
        {
            expected[caller] = status;
        }

        return new(method, path, request, expected);
    }

    /// <summary>An operation for signed-in accounts: 401 for every caller whose token does not authenticate.</summary>
    private static Row Signed(
        string method, string path, Func<Scene, Task<HttpRequestMessage>> request, HttpStatusCode ok,
        HttpStatusCode unverified, HttpStatusCode another, HttpStatusCode admin)
    {
        var expected = Unauthenticated.ToDictionary(c => c, _ => HttpStatusCode.Unauthorized);
        expected[Caller.VerifiedUser] = ok;
        expected[Caller.UnverifiedUser] = unverified;
        expected[Caller.AnotherUser] = another;
        expected[Caller.Admin] = admin;
        return new(method, path, request, expected);
    }

    /// <summary>An admin operation: 403 for every signed-in account that is not an admin.</summary>
    private static Row AdminOnly(string method, string path, Func<Scene, Task<HttpRequestMessage>> request, HttpStatusCode ok)
    {
        var row = Signed(method, path, request, ok, unverified: HttpStatusCode.Forbidden, another: HttpStatusCode.Forbidden, admin: ok);
        return row with { Expected = new Dictionary<Caller, HttpStatusCode>(row.Expected) { [Caller.VerifiedUser] = HttpStatusCode.Forbidden } };
    }

    private static object NewListing(Scene scene) =>
        new { title = "Oak chair", description = "Sturdy.", price = "35.00", categorySlug = scene.CategorySlug };

    private static Task<HttpRequestMessage> Get(string path) => Send(HttpMethod.Get, path);

    private static Task<HttpRequestMessage> Upload(long listingId) => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, $"/api/listings/{listingId}/images")
    {
        Content = ImageUploads.Form((TestImages.Jpeg(32, 32), "table.jpg", "image/jpeg")),
    });

    private static Task<HttpRequestMessage> Post(string path, object? body = null) => Send(HttpMethod.Post, path, body);

    private static Task<HttpRequestMessage> Send(HttpMethod method, string path, object? body = null) =>
        Task.FromResult(new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) });

    /// <summary>A verified seller with an active listing, written straight to the database: the table is about who may call, not about signing up.</summary>
    private async Task<Scene> NewSceneAsync()
    {
        var owner = await NewUserAsync(verified: true);
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var category = await db.Categories.OrderBy(c => c.Id).FirstAsync(c => c.IsActive, Ct);
        var listing = new Listing
        {
            Title = "Walnut desk",
            Description = "Solid walnut.",
            Price = 120m,
            CategoryId = category.Id,
            LegacyCategory = ListingCategory.Furniture,
            Status = ListingStatus.Active,
            SellerId = owner.Id,
        };
        db.Listings.Add(listing);
        await db.SaveChangesAsync(Ct);
        return new Scene(App, owner, listing.Id, category.Slug);
    }

    private async Task<User> NewUserAsync(bool verified, UserRole role = UserRole.User)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var email = $"table-{Guid.NewGuid():N}@example.com";
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            Email = email,
            NormalizedEmail = User.NormalizeEmail(email),
            DisplayName = "Table",
            PasswordHash = PasswordHash.Value,
            Role = role,
            EmailVerifiedAt = verified ? DateTimeOffset.UtcNow : null,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync(Ct);
        return user;
    }

    /// <summary>One hash of <see cref="ApiCalls.Password"/> for every account of the table (the hash does not depend on the account).</summary>
    private static readonly Lazy<string> PasswordHash = new(() => new PasswordHasher<User>().HashPassword(null!, Password));

    /// <summary>The bearer token the caller sends, issued by the Api's own issuer (or forged, for the forged kinds).</summary>
    private async Task<string?> TokenAsync(Caller caller, Scene scene)
    {
        var tokens = App.Services.GetRequiredService<AccessTokens>();
        switch (caller)
        {
            case Caller.Anonymous:
                return null;
            case Caller.VerifiedUser:
                return await tokens.IssueAsync(App, scene.Owner);
            case Caller.UnverifiedUser:
                return await tokens.IssueAsync(App, await NewUserAsync(verified: false));
            case Caller.AnotherUser:
                return await tokens.IssueAsync(App, await NewUserAsync(verified: true));
            case Caller.Admin:
                return await tokens.IssueAsync(App, await NewUserAsync(verified: true, UserRole.Admin));
            case Caller.SuspendedUser:
            {
                // Suspended by an admin through the Api, after the token was issued.
                var token = await tokens.IssueAsync(App, scene.Owner);
                using var admin = App.CreateClient(await tokens.IssueAsync(App, await NewUserAsync(verified: true, UserRole.Admin)));
                using var suspended = await admin.PostAsJsonAsync($"/api/admin/users/{scene.Owner.Id}/suspend", new { reason = "Security table" }, Ct);
                Assert.True(suspended.IsSuccessStatusCode, await suspended.Content.ReadAsStringAsync(Ct));
                return token;
            }

            case Caller.TokenIssuedBeforePasswordReset:
            {
                // The owner forgets the password and follows the mailed link, after the token was issued.
                var token = await tokens.IssueAsync(App, scene.Owner);
                using var anonymous = App.CreateClient();
                using var reset = await anonymous.PostAsJsonAsync("/api/auth/reset-password", new { token = await scene.ResetTokenAsync(), newPassword = NewPassword }, Ct);
                Assert.True(reset.IsSuccessStatusCode, await reset.Content.ReadAsStringAsync(Ct));
                return token;
            }

            case Caller.ExpiredToken:
                return IssuerAt(App.Services.GetRequiredService<IOptions<JwtOptions>>().Value, DateTimeOffset.UtcNow.AddHours(-3)).Issue(scene.Owner, IssuedTokens.UnsavedSession(scene.Owner)).AccessToken;
            case Caller.TokenSignedWithAnotherKey:
            {
                var other = App.Services.GetRequiredService<IOptions<JwtOptions>>().Value;
                return IssuerAt(new JwtOptions { SigningKey = "another-signing-key-0123456789-abcdefghijklmnopq", Issuer = other.Issuer, Audience = other.Audience, Lifetime = other.Lifetime }, DateTimeOffset.UtcNow)
                    .Issue(scene.Owner, IssuedTokens.UnsavedSession(scene.Owner)).AccessToken;
            }

            case Caller.AlgNoneToken:
            {
                // The owner's genuine claims under a header that says "no signature", and no signature.
                var parts = (await tokens.IssueAsync(App, scene.Owner)).Split('.');
                var header = Base64Url("""{"alg":"none","typ":"JWT"}""");
                return $"{header}.{parts[1]}.";
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(caller), caller, null);
        }
    }

    private static AccessTokens IssuerAt(JwtOptions options, DateTimeOffset now) => new(Options.Create(options), new FixedTime(now));

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
