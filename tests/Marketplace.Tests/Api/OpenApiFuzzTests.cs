using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marketplace.Api.Listings;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Admin;
using Marketplace.Contracts.Listings;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// No input reaches a 500: requests generated from the OpenAPI document by <see cref="OpenApiFuzzer"/> (10,000 by
/// default; MARKETPLACE_FUZZ_REQUESTS and MARKETPLACE_FUZZ_SEED change the count and replay a run, see
/// bench/api-fuzz.sh) against the real Api process, rate limits raised for the run. Every answer is below 500 and
/// comes within a bound, every 4xx is a problem document, and every status is one the document lists for the operation.
/// The one exception is Kestrel's own refusal of a %00 in a path: a bare 400 before any application code runs.
/// </summary>
public sealed class OpenApiFuzzTests(PostgresServer server, ITestOutputHelper output)
{
    public const string RequestsVariable = "MARKETPLACE_FUZZ_REQUESTS";
    public const string SeedVariable = "MARKETPLACE_FUZZ_SEED";

    /// <summary>No request may take longer: far beyond any the Api needs, so only a hang meets it.</summary>
    private static readonly TimeSpan RequestBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Ten_thousand_generated_requests_get_no_5xx_no_hang_and_only_documented_problem_documents()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable(RequestsVariable), CultureInfo.InvariantCulture, out var requested) ? requested : 10_000;
        var seed = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), CultureInfo.InvariantCulture, out var given) ? given : Random.Shared.Next();
        await using var database = await server.CreateDatabaseAsync(Ct);
        // As deployed: the Api as its own role, so that no operation may need more than rows.
        var worker = await WorkerRunner.RunAsync(database.ConnectionString, [], database.ApiLogin.WorkerSettings, Ct);
        Assert.True(worker.ExitCode == 0, worker.ToString());
        await using var api = ApiProcess.Start(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__marketplacedb"] = database.ApiConnectionString,
            ["Jwt__SigningKey"] = ApiApp.SigningKey,
            ["RequestLimits__WritesPerWindow"] = "1000000",
            // Enough for change-email and resend-verification to succeed before the per-account mail limit answers 429.
            ["RequestLimits__MailsPerWindow"] = "100",
            ["RequestLimits__ContactsPerWindow"] = "10000",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await api.WaitUntilReadyAsync();
        using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json", Ct)).RootElement;
        var fuzzer = new OpenApiFuzzer(document, await ContextAsync(http, database.ConnectionString), seed);
        var requests = Enumerable.Range(0, count).Select(fuzzer.Next).ToList();

        var clock = Stopwatch.StartNew();
        var results = new ConcurrentBag<(FuzzRequest Request, int Status, string? Problem, TimeSpan Took)>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (request, _) =>
        {
            var started = clock.Elapsed;
            var (status, problem) = await SendAsync(http, request, fuzzer.DocumentedStatuses[request.Operation]);
            results.Add((request, status, problem, clock.Elapsed - started));
        });

        var statuses = results.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} x {g.Key}");
        output.WriteLine($"{results.Count} requests (seed {seed}) in {clock.Elapsed.TotalSeconds:0} s over {fuzzer.DocumentedStatuses.Count} operations: " +
                         $"{string.Join(", ", statuses)}; slowest {results.Max(r => r.Took).TotalSeconds:0.00} s; " +
                         $"{results.Count(r => r.Problem == KestrelRefusal)} refused by Kestrel before the Api (%00 in the path)");
        foreach (var operation in results.GroupBy(r => r.Request.Operation).OrderBy(g => g.Key))
        {
            output.WriteLine($"  {operation.Key}: {string.Join(", ", operation.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} x {g.Key}"))}");
        }

        var failures = results.Where(r => r.Problem is not null && r.Problem != KestrelRefusal).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {results.Count} answers broke the contract (seed {seed}; replay with {SeedVariable}={seed}):\n" +
            string.Join('\n', failures.Take(20).Select(f => $"{f.Status} {f.Problem}\n    for {f.Request}")));
        Assert.Equal(count, results.Count);
        var neverSucceeded = count < 1_000 ? [] : fuzzer.DocumentedStatuses.Keys.Except(NeedStoredPhotos).Except(NeedMailedLinks)
            .Where(op => !results.Any(r => r.Request.Operation == op && r.Status is >= 200 and < 300)).Order().ToList();
        Assert.True(neverSucceeded.Count == 0,
            $"These operations never succeeded, so the fuzz never got past their first check (seed {seed}): {string.Join(", ", neverSucceeded)}");
        Assert.False(api.HasExited, api.Output);
    }

    private const string KestrelRefusal = "refused by Kestrel";

    // The fuzz's Api has no blob store and its context no photos, so these answer 400/401/403/404 here and no 2xx;
    // they still must never answer a 5xx. Their successes are ListingImageTests', against a real Azurite.
    private static readonly string[] NeedStoredPhotos = ["GetImage", "UpdateListingImage", "DeleteListingImage", "ReorderListingImages"];

    // These take the token of a link the Api mails (an alert's unsubscribe link, the link that puts a changed address
    // back, which this release does not mail by default), which the fuzz's context does not have: they answer 400/404
    // here and no 2xx, and still must never answer a 5xx. Their successes are SavedSearchTests' and RecoveryTests'.
    private static readonly string[] NeedMailedLinks = ["GetAlertSubscription", "UnsubscribeAlerts", "RevertEmailChange"];

    /// <summary>Sends one request; the status and, when the answer breaks the contract, why.</summary>
    private static async Task<(int Status, string? Problem)> SendAsync(HttpClient http, FuzzRequest request, IReadOnlySet<int> documented)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(http.BaseAddress!, request.PathAndQuery));
        if (request.Token is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + request.Token);
        }

        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(request.Body));
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType!);
            // A body the Api will not read (too large, or sent to an operation that takes none) makes Kestrel close the
            // connection after answering. A careful client asks before uploading a large body, so that the 413 comes
            // back instead of a reset halfway through, and does not offer such a connection for the next request.
            var unread = message.Content.Headers.ContentLength > 16 * 1024 || request.Method is "GET" or "DELETE";
            message.Headers.ExpectContinue = message.Content.Headers.ContentLength > 16 * 1024;
            message.Headers.ConnectionClose = unread;
        }

        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bound.CancelAfter(RequestBound);
        HttpResponseMessage response;
        string body;
        try
        {
            response = await http.SendAsync(message, bound.Token);
            body = await response.Content.ReadAsStringAsync(bound.Token);
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            return (0, $"no answer within {RequestBound.TotalSeconds} s");
        }
        catch (HttpRequestException ex)
        {
            return (0, $"no answer: {ex.Message} {ex.InnerException?.Message} {ex.InnerException?.InnerException?.Message}");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                return (status, body.Length > 300 ? body[..300] : body);
            }

            if (status < 400)
            {
                return (status, documented.Contains(status) ? null : $"{status} is not in the document for {request.Operation}");
            }

            if (status == 400 && body.Length == 0 && request.PathAndQuery.Split('?')[0].Contains("%00", StringComparison.Ordinal))
            {
                return (status, KestrelRefusal);
            }

            return (status, ProblemOf(status, response, body) ?? (documented.Contains(status) ? null : $"{status} is not in the document for {request.Operation}"));
        }
    }

    private static string? ProblemOf(int status, HttpResponseMessage response, string body)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"a {status} that is not application/problem+json but {response.Content.Headers.ContentType}: {body}";
        }

        try
        {
            var problem = JsonDocument.Parse(body).RootElement;
            return problem.GetProperty("status").GetInt32() == status && !string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString())
                ? null
                : $"a problem whose status or title is wrong: {body}";
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"a problem document that is not one: {body}";
        }
    }

    /// <summary>Two sellers with listings (drafts and sold ones too), and the real values a request can name: ids, slugs, a cursor.</summary>
    private static async Task<FuzzContext> ContextAsync(HttpClient http, string connectionString)
    {
        var tokens = new List<string>();
        var userIds = new List<string>();
        var emails = new List<string>();
        var listingIds = new List<string> { "999999999" };
        var archivable = new List<string>(); // archiving is for good, so ArchiveListing gets listings of its own
        var adasListings = new List<string>(); // UpdateListing succeeds only for the seller: ada's, with ada's token
        var adasArchived = new List<string>(); // RelistListing: ada's archived listings
        var adasDrafts = new List<string>(); // DeleteDraftListing: ada's drafts of their own (deleting is for good)
        foreach (var name in new[] { "ada", "bob" })
        {
            var email = $"{name}-{Guid.NewGuid():N}@example.com";
            (await (await http.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = name }, Ct))
                .ReadAsync<Marketplace.Contracts.Accounts.RegistrationAcceptedResponse>(HttpStatusCode.Accepted)).Deconstruct(out _);
            await http.FollowVerificationMailAsync(SmtpInbox.Shared, email);
            var token = (await (await http.PostAsJsonAsync("/api/auth/login", new { email, password = Password }, Ct))
                .ReadAsync<Marketplace.Contracts.Accounts.AccessTokenResponse>()).AccessToken;
            tokens.Add(token);
            using var me = new HttpRequestMessage(HttpMethod.Get, "/api/me") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
            var user = await (await http.SendAsync(me, Ct)).ReadAsync<Marketplace.Contracts.Accounts.AccountResponse>();
            userIds.Add($"{user.Id}");
            emails.Add(email);
            foreach (var (title, status) in new[] { ("Brass lamp", "Active"), ("Red bike", "Active"), ("Walnut desk", "Draft"), ("Old radio", "Sold") }
                         .Concat(Enumerable.Range(0, 10).Select(i => ($"To archive {i}", "Active")))
                         .Concat(name == "ada" ? Enumerable.Range(0, 5).Select(i => ($"To relist {i}", "Active")) : [])
                         .Concat(name == "ada" ? Enumerable.Range(0, 5).Select(i => ($"To delete {i}", "Draft")) : []))
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/listings")
                {
                    Content = JsonContent.Create(new { title, description = "Fuzz seed listing.", price = "12.50", categorySlug = "furniture", status }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                var id = $"{(await (await http.SendAsync(request, Ct)).ReadAsync<ListingResponse>(HttpStatusCode.Created)).Id}";
                if (title.StartsWith("To relist", StringComparison.Ordinal))
                {
                    using var archive = new HttpRequestMessage(HttpMethod.Delete, $"/api/listings/{id}");
                    archive.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    (await http.SendAsync(archive, Ct)).EnsureSuccessStatusCode();
                    adasArchived.Add(id);
                    continue;
                }

                if (title.StartsWith("To delete", StringComparison.Ordinal))
                {
                    adasDrafts.Add(id);
                    continue;
                }

                (title.StartsWith("To archive", StringComparison.Ordinal) ? archivable : listingIds).Add(id);
                if (name == "ada" && !title.StartsWith("To archive", StringComparison.Ordinal))
                {
                    adasListings.Add(id);
                }
            }
        }

        // An admin, and targets of its own for each admin action, so that what the fuzz suspends, demotes, removes or
        // deactivates is never what the other operations need (ada's and bob's accounts and listings, the base categories).
        var adminEmail = $"admin-{Guid.NewGuid():N}@example.com";
        (await http.PostAsJsonAsync("/api/auth/register", new { email = adminEmail, password = Password, displayName = "admin" }, Ct)).EnsureSuccessStatusCode();
        await using (var db = new Db(connectionString))
        {
            await db.ExecuteAsync($"""UPDATE "User" SET "Role" = 'admin', "EmailVerifiedAt" = now() WHERE "Email" = '{adminEmail}'""", Ct);
        }

        var adminToken = (await (await http.PostAsJsonAsync("/api/auth/login", new { email = adminEmail, password = Password }, Ct))
            .ReadAsync<Marketplace.Contracts.Accounts.AccessTokenResponse>()).AccessToken;
        tokens.Add(adminToken);
        var moderatedUsers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var email = $"member-{Guid.NewGuid():N}@example.com";
            (await http.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "member" }, Ct)).EnsureSuccessStatusCode();
            await using var db = new Db(connectionString);
            moderatedUsers.Add($"{await db.ScalarAsync<Guid>($"""SELECT "Id" FROM "User" WHERE "Email" = '{email}'""", Ct)}");
        }

        var moderatedListings = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/listings")
            {
                Content = JsonContent.Create(new { title = $"Moderated {i}", description = "Fuzz seed listing.", price = "3.00", categorySlug = "toys" }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
            moderatedListings.Add($"{(await (await http.SendAsync(request, Ct)).ReadAsync<ListingResponse>(HttpStatusCode.Created)).Id}");
        }

        var fuzzCategories = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/categories")
            {
                Content = JsonContent.Create(new { name = $"Fuzz {i}", slug = $"fuzz-{i}-{Guid.NewGuid():N}" }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
            fuzzCategories.Add($"{(await (await http.SendAsync(request, Ct)).ReadAsync<Marketplace.Contracts.Admin.AdminCategoryResponse>(HttpStatusCode.Created)).Id}");
        }

        // The admin's saved searches: UpdateSavedSearch and VisitSavedSearch meet four of them, DeleteSavedSearch four others
        // (each is deleted once), so that their successes do not wait on the seed to hit one SaveSearch made.
        var savedSearches = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/me/saved-searches")
            {
                Content = JsonContent.Create(new { q = $"fuzz {i}", alerts = "Off" }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
            savedSearches.Add($"{(await (await http.SendAsync(request, Ct)).ReadAsync<Marketplace.Contracts.SavedSearches.SavedSearchResponse>(HttpStatusCode.Created)).Id}");
        }

        // The admin writes to ada about her brass lamp (GetConversation, SendMessage and MarkConversationRead meet that
        // conversation) and to bob about his (BlockConversationPartner, UnblockConversationPartner and ReportConversation
        // meet that one, so a block never closes the first); ada reports the first, which AdminGetConversationReport reads and AdminDismissConversationReport closes.
        var conversations = new List<string>();
        foreach (var seller in userIds)
        {
            await using var db = new Db(connectionString);
            var lamp = await db.ScalarAsync<long>($"""SELECT "Id" FROM "Listing" WHERE "SellerId" = '{seller}' AND "Title" = 'Brass lamp'""", Ct);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/listings/{lamp}/conversation")
            {
                Content = JsonContent.Create(new { message = "Is the lamp still for sale?" }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
            conversations.Add($"{(await (await http.SendAsync(request, Ct)).ReadAsync<Marketplace.Contracts.Conversations.ConversationMessageResponse>(HttpStatusCode.Created)).ConversationId}");
        }

        string conversationReport;
        using (var report = new HttpRequestMessage(HttpMethod.Post, $"/api/conversations/{conversations[0]}/reports")
               {
                   Content = JsonContent.Create(new { reason = "Fuzz seed report" }),
               })
        {
            report.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[0]);
            Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(report, Ct)).StatusCode);
            await using var db = new Db(connectionString);
            conversationReport = $"{await db.ScalarAsync<long>($"""SELECT "Id" FROM "ConversationReport" WHERE "ConversationId" = {conversations[0]}""", Ct)}";
        }

        // Accounts whose addresses are not verified yet: one signed in (ResendVerification succeeds for it), and the
        // unused links of others (VerifyEmail succeeds once for each).
        var verificationTokens = new List<string>();
        foreach (var name in new[] { "cy", "dee", "eve", "fay", "gus", "hal" })
        {
            var email = $"{name}-{Guid.NewGuid():N}@example.com";
            (await http.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = name }, Ct)).Dispose();
            if (name == "cy")
            {
                tokens.Add((await (await http.PostAsJsonAsync("/api/auth/login", new { email, password = Password }, Ct))
                    .ReadAsync<Marketplace.Contracts.Accounts.AccessTokenResponse>()).AccessToken);
            }
            else
            {
                verificationTokens.Add((await SmtpInbox.Shared.WaitForMailAsync(email, cancellationToken: Ct)).Token("/verify-email"));
            }
        }

        // Accounts of their own for what ends sessions (so the sellers stay signed in): sign-out, sign-out-everywhere,
        // change-password and delete-my-account tokens, refresh tokens, and the links of reset mails (each works once).
        var sessionEnders = new Dictionary<string, List<string>> { ["SignOut"] = [], ["SignOutEverywhere"] = [], ["ChangePassword"] = [], ["DeleteMyAccount"] = [] };
        var refreshTokens = new List<string>();
        var resetTokens = new List<string>();
        foreach (var operation in sessionEnders.Keys.Append("Refresh").Append("ResetPassword").ToList())
        {
            for (var i = 0; i < 3; i++)
            {
                var email = $"{operation.ToLowerInvariant()}-{i}-{Guid.NewGuid():N}@example.com";
                (await http.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = operation }, Ct)).Dispose();
                var pair = await (await http.PostAsJsonAsync("/api/auth/login", new { email, password = Password }, Ct))
                    .ReadAsync<Marketplace.Contracts.Accounts.AccessTokenResponse>();
                if (sessionEnders.TryGetValue(operation, out var bearers))
                {
                    bearers.Add(pair.AccessToken);
                }
                else if (operation == "Refresh")
                {
                    refreshTokens.Add(pair.RefreshToken);
                }
                else
                {
                    (await http.PostAsJsonAsync("/api/auth/forgot-password", new { email }, Ct)).Dispose();
                    resetTokens.Add((await SmtpInbox.Shared.WaitForMailAsync(email, 2, cancellationToken: Ct)).Token("/reset-password"));
                }
            }
        }

        // Open reports about the listings AdminRemoveListing removes (which resolves them).
        await using (var db = new Db(connectionString))
        {
            foreach (var listing in moderatedListings)
            {
                await db.ExecuteAsync($"""
                    INSERT INTO "ListingReport" ("ListingId", "ReporterId", "Reason") VALUES ({listing}, '{userIds[0]}', 'Fuzz seed report')
                    """, Ct);
            }
        }

        // Open reports of the admin's own about ada's listings, which nothing but AdminDismissReport closes (the
        // ones above close when their listing is removed, which may come first).
        var dismissableReports = new List<string>();
        await using (var db = new Db(connectionString))
        {
            foreach (var listing in adasListings.Take(4))
            {
                dismissableReports.Add($"{await db.ScalarAsync<long>($"""
                    INSERT INTO "ListingReport" ("ListingId", "ReporterId", "Reason")
                    SELECT {listing}, "Id", 'Fuzz seed report to dismiss' FROM "User" WHERE "Email" = '{adminEmail}'
                    RETURNING "Id"
                    """, Ct)}");
            }
        }

        var page = await (await http.GetAsync("/api/listings?limit=1", Ct)).ReadAsync<ListingPage>();
        string[] slugs = ["furniture", "toys", "home-and-garden", "electronics", "spaceships"];
        return new FuzzContext(tokens, new Dictionary<string, IReadOnlyList<string>>
        {
            ["id"] = listingIds,
            ["ArchiveListing.id"] = archivable,
            ["UpdateListing.id"] = adasListings,
            ["UpdateListing.bearer"] = [tokens[0]],
            ["RelistListing.id"] = adasArchived,
            ["RelistListing.bearer"] = [tokens[0]],
            ["DeleteDraftListing.id"] = adasDrafts,
            ["DeleteDraftListing.bearer"] = [tokens[0]],
            ["slug"] = slugs,
            ["categorySlug"] = slugs,
            ["sellerId"] = userIds,
            ["email"] = emails,
            ["password"] = [Password, "wrong password"],
            ["cursor"] = [page.NextCursor!],
            ["sort"] = ["newest", "price_asc", "price_desc"],
            ["VerifyEmail.token"] = verificationTokens,
            ["SignOut.bearer"] = sessionEnders["SignOut"],
            ["SignOutEverywhere.bearer"] = sessionEnders["SignOutEverywhere"],
            ["DeleteMyAccount.bearer"] = sessionEnders["DeleteMyAccount"],
            ["ChangePassword.bearer"] = sessionEnders["ChangePassword"],
            ["currentPassword"] = [Password, "wrong password"],
            ["newPassword"] = [Password, "another long passphrase"],
            ["refreshToken"] = refreshTokens,
            ["ResetPassword.token"] = resetTokens,
            ["newEmail"] = [.. Enumerable.Range(0, 20).Select(i => $"new-{i}-{Guid.NewGuid():N}@example.com"), emails[0]],
            ["q"] = ["lamp", "\"red bike\" -broken", "desk OR radio"],
            ["AdminCreateCategory.slug"] = Enumerable.Range(0, 100).Select(i => $"fuzz-new-{i}").ToList(),
            ["AdminUpdateCategory.id"] = fuzzCategories,
            ["AdminMoveCategory.id"] = fuzzCategories,
            ["AdminReorderCategory.id"] = fuzzCategories,
            ["AdminDeactivateCategory.id"] = fuzzCategories,
            ["AdminReactivateCategory.id"] = fuzzCategories,
            ["parentId"] = fuzzCategories,
            ["AdminRemoveListing.id"] = moderatedListings,
            ["AdminRestoreListing.id"] = moderatedListings,
            ["AdminDismissReport.id"] = dismissableReports,
            ["AdminSuspendUser.id"] = moderatedUsers,
            ["AdminReinstateUser.id"] = moderatedUsers,
            ["AdminChangeUserRole.id"] = moderatedUsers,
            ["GetSellerProfile.id"] = userIds,
            ["AdminGetUser.id"] = userIds,
            // Every admin operation as the admin (or with no or a forged token): among everyone's tokens their successes were
            // a few in ten thousand, none for some seeds. What a member gets from them is the security table's to prove.
            ["Admin.bearer"] = [adminToken],
            ["message"] = ["Is it still available?", "Could you post it?"],
            ["UpdateSavedSearch.id"] = savedSearches[..4],
            ["UpdateSavedSearch.bearer"] = [adminToken],
            ["VisitSavedSearch.id"] = savedSearches[..4],
            ["VisitSavedSearch.bearer"] = [adminToken],
            ["DeleteSavedSearch.id"] = savedSearches[4..],
            ["DeleteSavedSearch.bearer"] = [adminToken],
            ["GetConversation.id"] = [conversations[0]],
            ["GetConversation.bearer"] = [adminToken],
            ["SendMessage.id"] = [conversations[0]],
            ["SendMessage.bearer"] = [adminToken],
            ["MarkConversationRead.id"] = [conversations[0]],
            ["MarkConversationRead.bearer"] = [adminToken],
            ["BlockConversationPartner.id"] = [conversations[1]],
            ["BlockConversationPartner.bearer"] = [adminToken],
            ["UnblockConversationPartner.id"] = [conversations[1]],
            ["UnblockConversationPartner.bearer"] = [adminToken],
            ["ReportConversation.id"] = [conversations[1]],
            ["ReportConversation.bearer"] = [adminToken],
            ["AdminGetConversationReport.id"] = [conversationReport],
            ["AdminDismissConversationReport.id"] = [conversationReport],
        });
    }
}
