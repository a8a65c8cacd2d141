using Marketplace.Contracts.Conversations;
using Marketplace.Data;
using Marketplace.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// The inbox is one query and a conversation's page two (its head, then a page of its messages), each planned on an index: the SQL the endpoints really send
/// (captured on its way out), planned by PostgreSQL for tables with realistic statistics (20,000 conversations and
/// 210,000 messages among 2,000 accounts, one seller in 1,000 conversations, one conversation of 2,000 messages,
/// analyzed), with no planner setting forced. bench/inbox.sh measures the same at 1,000,000 messages.
/// </summary>
public sealed class ConversationPlanTests(ConversationPlanTests.SeededApi seeded) : IClassFixture<ConversationPlanTests.SeededApi>
{
    private static readonly string[] ConversationTables = ["ConversationParticipant", "Conversation", "ConversationMessage", "Listing", "User", "ListingImage", "UserBlock"];

    [Theory]
    [InlineData(SeededApi.PowerSeller)]
    [InlineData(SeededApi.Buyer)]
    public async Task The_inbox_is_one_query_that_walks_the_callers_inbox_index_and_reads_only_a_pages_rows(string user)
    {
        var (app, capture) = (seeded.App, seeded.Capture);
        using var client = app.CreateClient(await seeded.TokenOfAsync(user));

        var before = capture.QueriesOf("ConversationParticipant").Count;
        var first = await (await client.GetAsync("/api/conversations?limit=10", Ct)).ReadAsync<InboxPage>();
        var firstQueries = capture.QueriesOf("ConversationParticipant").Skip(before).ToList();
        (await client.GetAsync($"/api/conversations?limit=10&cursor={Uri.EscapeDataString(first.NextCursor!)}", Ct)).Dispose();
        var nextQueries = capture.QueriesOf("ConversationParticipant").Skip(before + 1).ToList();

        Assert.Equal(10, first.Items.Count);
        foreach (var query in new[] { Assert.Single(firstQueries), Assert.Single(nextQueries) })
        {
            var nodes = await ListingSearchPlanTests.PlanNodesAsync(app, query);
            var plan = string.Join("; ", nodes.Select(n => $"{n.Type} {n.Index ?? n.Relation}"));
            Assert.DoesNotContain(nodes, n => n.Type.Contains("Seq Scan", StringComparison.Ordinal) && ConversationTables.Contains(n.Relation));
            Assert.True(nodes.Any(n => n.Index == "IX_ConversationParticipant_Inbox"), $"Expected the inbox index in: {plan}\n{query.Sql}");
        }
    }

    [Fact]
    public async Task A_conversations_page_finds_the_callers_side_by_key_then_reads_only_a_page_of_the_latest_messages_on_their_index()
    {
        var (app, capture) = (seeded.App, seeded.Capture);
        using var client = app.CreateClient(await seeded.TokenOfAsync(SeededApi.Buyer));
        var (headsBefore, messagesBefore) = (capture.QueriesOf("ConversationParticipant").Count, capture.QueriesOf("ConversationMessage").Count);

        var latest = await (await client.GetAsync($"/api/conversations/{seeded.LongConversation}", Ct)).ReadAsync<ConversationResponse>();
        var earlier = await (await client.GetAsync($"/api/conversations/{seeded.LongConversation}?before={latest.EarlierBefore}", Ct)).ReadAsync<ConversationResponse>();
        var heads = capture.QueriesOf("ConversationParticipant").Skip(headsBefore).ToList();
        var messages = capture.QueriesOf("ConversationMessage").Skip(messagesBefore).ToList();

        Assert.Equal(ConversationRules.DefaultPageSize, latest.Messages.Count);
        Assert.Equal(ConversationRules.DefaultPageSize, earlier.Messages.Count);
        Assert.True(earlier.Messages[^1].Id < latest.Messages[0].Id, "The earlier page must end before the latest one begins.");
        Assert.Equal(2, heads.Count);
        Assert.Equal(2, messages.Count);
        foreach (var query in heads)
        {
            var nodes = await ListingSearchPlanTests.PlanNodesAsync(app, query);
            var plan = string.Join("; ", nodes.Select(n => $"{n.Type} {n.Index ?? n.Relation}"));
            Assert.DoesNotContain(nodes, n => n.Type.Contains("Seq Scan", StringComparison.Ordinal) && ConversationTables.Contains(n.Relation));
            Assert.True(nodes.Any(n => n.Index == "PK_ConversationParticipant"), $"Expected the participant's key in: {plan}\n{query.Sql}");
        }

        // A page of the 2,000 messages, not all of them numbered first: a Limit over a backward walk of their index.
        foreach (var query in messages)
        {
            var nodes = await ListingSearchPlanTests.PlanNodesAsync(app, query);
            var plan = string.Join("; ", nodes.Select(n => $"{n.Type} {n.Index ?? n.Relation}"));
            Assert.True(nodes[0].Type == "Limit", $"Expected a Limit at the top of: {plan}\n{query.Sql}");
            Assert.DoesNotContain(nodes, n => n.Type == "WindowAgg" || n.Type == "Sort");
            Assert.True(nodes.Any(n => n.Index == "IX_ConversationMessage_ConversationId_Id"), $"Expected the messages' index in: {plan}\n{query.Sql}");
        }
    }

    /// <summary>One Api on one seeded database for the class; its tests run one at a time, so the capture is theirs.</summary>
    public sealed class SeededApi(PostgresServer server) : IAsyncLifetime
    {
        /// <summary>The seller of 200 listings, in 1,000 conversations.</summary>
        public const string PowerSeller = "00000000-0000-0000-0000-000000000001";

        /// <summary>The buyer of the conversation with 2,000 messages, in about 15 others.</summary>
        public const string Buyer = "00000000-0000-0000-0000-000000000506";

        private ApiApp? _app;

        public ListingSearchPlanTests.CommandCapture Capture { get; } = new();

        public ApiApp App => _app ?? throw new InvalidOperationException("Not initialized.");

        public long LongConversation { get; private set; }

        public async Task<string> TokenOfAsync(string userId)
        {
            using var scope = App.Services.CreateScope();
            var user = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Users.AsNoTracking().Single(u => u.Id == Guid.Parse(userId));
            return await App.Services.GetRequiredService<Marketplace.Api.Auth.AccessTokens>().IssueAsync(App, user);
        }

        public async ValueTask InitializeAsync()
        {
            _app = await ApiApp.CreateAsync(server,
                services: services => services.ConfigureDbContext<MarketplaceDbContext>(o => o.AddInterceptors(Capture), ServiceLifetime.Singleton),
                cancellationToken: Ct);
            await SeedAsync(_app);
            // What autovacuum does after a bulk load.
            await _app.Db.ExecuteAsync("""VACUUM ANALYZE "User", "Listing", "Conversation", "ConversationParticipant", "ConversationMessage" """, Ct);
            LongConversation = await _app.Db.ScalarAsync<long>($"""
                SELECT "Id" FROM "Conversation" WHERE "BuyerId" = '{Buyer}' ORDER BY "Id" LIMIT 1
                """, Ct);
        }

        public async ValueTask DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
        }

        /// <summary>
        /// 2,000 accounts; 4,000 listings, 200 of them one seller's; five buyers' conversations on each listing (20,000), ten
        /// messages each, but 2,000 in the first conversation of <see cref="Buyer"/>; a few unread on each side.
        /// </summary>
        private static async Task SeedAsync(ApiApp app)
        {
            // A bulk load, not a request: on a busy machine it outlasts the 30 s a command may take by default.
            await using var command = app.Db.DataSource.CreateCommand(SeedSql);
            command.CommandTimeout = 600;
            await command.ExecuteNonQueryAsync(Ct);
        }

        private const string SeedSql = """
            INSERT INTO "User" ("Id", "Email", "NormalizedEmail", "DisplayName", "PasswordHash", "EmailVerifiedAt")
            SELECT ('00000000-0000-0000-0000-' || lpad(i::text, 12, '0'))::uuid, 'user' || i || '@example.com', 'USER' || i || '@EXAMPLE.COM', 'User ' || i, 'x', now()
            FROM generate_series(1, 2000) AS i;
            INSERT INTO "Listing" ("Title", "Description", "Price", "Category", "CategoryId", "Status", "SellerId")
            SELECT 'Listing ' || i, 'Seeded.', 10, 'furniture', (SELECT "Id" FROM "Category" WHERE "Slug" = 'furniture'), 'active',
                   ('00000000-0000-0000-0000-' || lpad((CASE WHEN i <= 200 THEN 1 ELSE 2 + i % 499 END)::text, 12, '0'))::uuid
            FROM generate_series(1, 4000) AS i;
            INSERT INTO "Conversation" ("ListingId", "BuyerId", "SellerId", "CreatedAt", "LastMessageAt")
            SELECT l."Id", ('00000000-0000-0000-0000-' || lpad((501 + (l.n * 5 + k) % 1500)::text, 12, '0'))::uuid, l."SellerId",
                   timestamptz '2026-01-01' + (l.n * 5 + k) * interval '3 minutes', timestamptz '2026-01-01'
            FROM (SELECT row_number() OVER (ORDER BY "Id") AS n, "Id", "SellerId" FROM "Listing") l
            CROSS JOIN generate_series(0, 4) AS k;
            INSERT INTO "ConversationMessage" ("ConversationId", "SenderId", "Body", "CreatedAt")
            SELECT c."Id", CASE WHEN m % 2 = 1 THEN c."BuyerId" ELSE c."SellerId" END, 'Message ' || m || ' of conversation ' || c."Id",
                   c."CreatedAt" + m * interval '5 minutes' + (c."Id" * 7919 % 20000) * interval '1 minute'
            FROM "Conversation" c
            CROSS JOIN LATERAL generate_series(1, CASE WHEN c."Id" = (SELECT min("Id") FROM "Conversation" WHERE "BuyerId" = '00000000-0000-0000-0000-000000000506') THEN 2000 ELSE 10 END) AS m;
            UPDATE "Conversation" c SET "LastMessageAt" = last."At"
            FROM (SELECT "ConversationId", max("CreatedAt") AS "At" FROM "ConversationMessage" GROUP BY "ConversationId") last
            WHERE last."ConversationId" = c."Id";
            INSERT INTO "ConversationParticipant" ("ConversationId", "UserId", "LastMessageAt", "UnreadCount")
            SELECT "Id", "BuyerId", "LastMessageAt", "Id" % 3 FROM "Conversation"
            UNION ALL
            SELECT "Id", "SellerId", "LastMessageAt", "Id" % 4 FROM "Conversation";
            """;
    }
}
