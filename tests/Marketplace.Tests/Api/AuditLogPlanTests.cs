using Marketplace.Data;
using Marketplace.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// The audit log's date filter and its newest-first pages are answered from IX_AdminAuditLog_CreatedAt_Id, never a scan
/// of the log: the SQL the endpoint sends (captured), planned by PostgreSQL on a log of 30,000 analyzed rows over a year.
/// </summary>
public sealed class AuditLogPlanTests(AuditLogPlanTests.SeededLog seeded) : IClassFixture<AuditLogPlanTests.SeededLog>
{
    private const string Index = "IX_AdminAuditLog_CreatedAt_Id";

    [Theory]
    [InlineData("")]
    [InlineData("from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z")]
    [InlineData("to=2026-02-01T00:00:00Z")]
    [InlineData("from=2026-11-01T00:00:00Z&action=CategoryUpdated")]
    public async Task A_date_range_or_a_page_of_the_log_is_planned_on_its_time_index(string query)
    {
        var page = await (await seeded.Admin.Client.GetAsync($"/api/admin/audit-log?limit=50&{query}", Ct)).ReadAsync<Marketplace.Contracts.Admin.AuditLogPage>();
        var nodes = await ListingSearchPlanTests.PlanNodesAsync(seeded.App, seeded.Capture.LastQueryOf("AdminAuditLog"));

        Assert.NotEmpty(page.Items);
        var plan = string.Join("; ", nodes.Select(n => $"{n.Type} {n.Index ?? n.Relation}"));
        Assert.DoesNotContain(nodes, n => n.Type == "Seq Scan" && n.Relation == "AdminAuditLog");
        Assert.True(nodes.Any(n => n.Index == Index), $"Expected {Index} in: {plan}");
    }

    /// <summary>One Api whose log holds 30,000 entries, one every 17 minutes from 2026-01-01, for every case.</summary>
    public sealed class SeededLog(PostgresServer server) : IAsyncLifetime
    {
        private ApiApp? _app;

        public ListingSearchPlanTests.CommandCapture Capture { get; } = new();

        public ApiApp App => _app ?? throw new InvalidOperationException("Not initialized.");

        public Account Admin { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            _app = await ApiApp.CreateAsync(server,
                services: services => services.ConfigureDbContext<MarketplaceDbContext>(o => o.AddInterceptors(Capture), ServiceLifetime.Singleton),
                cancellationToken: Ct);
            Admin = await _app.SignUpAdminAsync();
            await _app.Db.ExecuteAsync($"""
                INSERT INTO "AdminAuditLog" ("AdminId", "Action", "TargetType", "TargetId", "Details", "CreatedAt")
                SELECT '{Admin.Id}', (ARRAY['category_updated', 'listing_removed', 'user_suspended'])[1 + i % 3]::admin_action,
                       (ARRAY['category', 'listing', 'user'])[1 + i % 3]::audit_target_type, (i % 500)::text, jsonb_build_object(),
                       timestamptz '2026-01-01' + i * interval '17 minutes'
                FROM generate_series(1, 30000) AS i;
                ANALYZE "AdminAuditLog";
                """, Ct);
        }

        public async ValueTask DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
        }
    }
}
