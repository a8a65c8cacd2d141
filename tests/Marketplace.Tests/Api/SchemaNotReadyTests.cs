using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Auth;
using Marketplace.Api.Infrastructure;
using Marketplace.Data.Entities;
using Marketplace.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// A request that meets a database without the schema this build expects (behind, or drifted while the Api was already
/// ready) answers 503 with Retry-After and a problem naming the condition, never a 500 and never PostgreSQL's words; and
/// readiness turns unhealthy at once, not at its next interval.
/// </summary>
public sealed class SchemaNotReadyTests(PostgresServer server)
{
    // Readiness would not look again for an hour: only a request's schema error can make it look sooner.
    private static readonly Dictionary<string, string?> SlowChecks = new() { ["Health:SchemaCheckInterval"] = "01:00:00" };

    [Fact]
    public async Task Behind_the_code_every_endpoint_that_needs_the_missing_schema_answers_503_not_500()
    {
        await using var app = await ApiApp.CreateAsync(server, SlowChecks, migrateTo: "AddListingIndexes", cancellationToken: Ct);
        await app.Db.InsertSellerWithListingsAsync(Ct);
        // Registering cannot work on this schema (the User table lacks later columns), so the seller of the seeded
        // listings, verified, gets a token from the Api's own issuer.
        await app.Db.ExecuteAsync("""UPDATE "User" SET "EmailVerifiedAt" = now() WHERE "Email" = 'bob@example.com'""", Ct);
        // A token as the release before sessions had ids issued it: this schema has no Session table to name one in.
        var token = app.Services.GetRequiredService<AccessTokens>().IssueWithoutSession(app.Services, new User
        {
            Id = Guid.Parse("00000000-0000-0000-0000-000000000002"),
            Email = "bob@example.com",
            NormalizedEmail = "BOB@EXAMPLE.COM",
            DisplayName = "Bob",
            PasswordHash = "hash",
        });
        using var sellerClient = app.CreateClient(token);
        var listingId = await app.Db.ScalarAsync<long>("""SELECT min("Id") FROM "Listing" """, Ct);
        using var anonymous = app.CreateClient();
        var body = JsonContent.Create(new { title = "Lamp", description = "Brass.", price = 20, categorySlug = "home-and-garden" });

        HttpResponseMessage[] responses =
        [
            await anonymous.GetAsync("/api/categories", Ct),
            await anonymous.GetAsync("/api/categories/furniture", Ct),
            await anonymous.GetAsync("/api/listings", Ct),
            await anonymous.GetAsync("/api/listings?q=item", Ct),
            await anonymous.GetAsync($"/api/listings/{listingId}", Ct),
            await sellerClient.PostAsync("/api/listings", body, Ct),
            await sellerClient.PutAsync($"/api/listings/{listingId}", body, Ct),
            await sellerClient.DeleteAsync($"/api/listings/{listingId}", Ct),
        ];

        foreach (var response in responses)
        {
            await AssertSchemaNotReadyAsync(response);
            response.Dispose();
        }

        Assert.Equal(10L, await app.CountListingsAsync());
    }

    [Fact]
    public async Task Drift_that_appears_while_the_Api_is_ready_answers_503_and_readiness_turns_unhealthy_on_the_next_probe()
    {
        await using var app = await ApiApp.CreateAsync(server, SlowChecks, cancellationToken: Ct);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health", Ct)).StatusCode);
        var seller = await app.SignUpAsync();

        // The incident from the other side: a restore or a hand fix leaves the database without Listing.CategoryId.
        await app.Db.ExecuteAsync("""ALTER TABLE "Listing" DROP COLUMN "CategoryId" CASCADE""", Ct);
        using var create = await seller.Client.PostAsJsonAsync("/api/listings",
            new { title = "Lamp", description = "Brass.", price = 20, categorySlug = "home-and-garden" }, Ct);

        await AssertSchemaNotReadyAsync(create);
        using var health = await anonymous.GetAsync("/health", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(0L, await app.CountListingsAsync());
    }

    [Fact]
    public async Task In_Development_too_the_503_carries_no_database_text_while_health_names_the_difference()
    {
        await using var app = await ApiApp.CreateAsync(server, SlowChecks, environment: "Development", cancellationToken: Ct);
        using var anonymous = app.CreateClient();
        await app.Db.ExecuteAsync("""ALTER TABLE "Category" RENAME COLUMN "Slug" TO "UrlName" """, Ct);

        using var categories = await anonymous.GetAsync("/api/categories", Ct);

        await AssertSchemaNotReadyAsync(categories);
        using var health = await anonymous.GetAsync("/health", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("column Category.Slug is in the model but not in the database", await health.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retyped_column_answers_503_on_read_and_write_once_the_re_check_finds_the_drift()
    {
        await using var app = await ApiApp.CreateAsync(server, SlowChecks, cancellationToken: Ct);
        var seller = await app.SignUpAsync();
        await seller.CreateListingAsync();
        await app.Db.ExecuteAsync("""
            ALTER TABLE "Listing" DROP CONSTRAINT "CK_Listing_Price_NotNegative";
            ALTER TABLE "Listing" ALTER COLUMN "Price" TYPE boolean USING "Price" > 0;
            """, Ct);
        using var anonymous = app.CreateClient();

        using var search = await anonymous.GetAsync("/api/listings?categorySlug=furniture", Ct);
        using var create = await seller.Client.PostAsJsonAsync("/api/listings",
            new { title = "Lamp", description = "Brass.", price = 20, categorySlug = "home-and-garden" }, Ct);

        await AssertSchemaNotReadyAsync(search);
        await AssertSchemaNotReadyAsync(create);
    }

    [Theory]
    [InlineData("42601", "syntax error at or near \"SELEC\"")]
    [InlineData("42501", "permission denied for table Listing")]
    [InlineData("42804", "column \"Price\" is of type numeric but expression is of type boolean")]
    public async Task A_database_error_on_a_current_schema_stays_a_500_and_readiness_stays_healthy(string sqlState, string message)
    {
        // A bug in our SQL, or a missing privilege, on a schema that verifies current: loud, not "try again later".
        await using var app = await ApiApp.CreateAsync(server, SlowChecks,
            services: services => services.AddSingleton<IStartupFilter>(new FailingPath(new PostgresException(message, "ERROR", "ERROR", sqlState))),
            cancellationToken: Ct);
        using var anonymous = app.CreateClient();

        using var failing = await anonymous.GetAsync(FailingPath.Path, Ct);

        var problem = await failing.AssertProblemAsync(HttpStatusCode.InternalServerError);
        Assert.DoesNotContain(message, problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health", Ct)).StatusCode);
    }

    /// <summary>A path past every endpoint, inside the Api's error handling, that throws what a query would have.</summary>
    private sealed class FailingPath(Exception error) : IStartupFilter
    {
        public const string Path = "/test/failing-query";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((context, nextMiddleware) => context.Request.Path == Path ? throw error : nextMiddleware(context));
        };
    }

    private static async Task AssertSchemaNotReadyAsync(HttpResponseMessage response)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(ApiExceptionHandler.SchemaNotReadyType, problem.GetProperty("type").GetString());
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{response.RequestMessage?.RequestUri}: no Retry-After");
        var body = problem.GetRawText();
        foreach (var databaseWords in new[] { "does not exist", "42703", "42P01", "42804", "column", "relation", "Npgsql", "   at " })
        {
            Assert.DoesNotContain(databaseWords, body, StringComparison.OrdinalIgnoreCase);
        }
    }
}
