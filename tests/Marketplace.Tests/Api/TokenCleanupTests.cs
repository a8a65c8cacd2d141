using Marketplace.Api.Auth;
using Marketplace.Api.Jobs;
using Marketplace.Data;
using Marketplace.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>The Api's background cleanup of used and expired tokens: in batches, one replica at a time (a periodic job).</summary>
public sealed class TokenCleanupTests(PostgresServer server)
{
    [Fact]
    public async Task A_run_deletes_used_and_expired_tokens_in_batches_and_keeps_the_usable_ones_and_used_refresh_tokens()
    {
        await using var app = await ApiApp.CreateAsync(server, new Dictionary<string, string?> { ["TokenCleanup:BatchSize"] = "2" }, cancellationToken: Ct);
        var user = await app.InsertUserAsync();
        foreach (var table in new[] { "VerificationToken", "PasswordResetToken" })
        {
            await InsertAsync(app, table, user, "expired", "now() - interval '1 minute'", used: false, count: 3);
            await InsertAsync(app, table, user, "used", "now() + interval '1 hour'", used: true, count: 2);
            await InsertAsync(app, table, user, "fresh", "now() + interval '1 hour'", used: false, count: 1);
        }

        await InsertAsync(app, "RefreshToken", user, "expired", "now() - interval '1 minute'", used: false, count: 5);
        await InsertAsync(app, "RefreshToken", user, "used", "now() + interval '1 day'", used: true, count: 1);
        await InsertAsync(app, "RefreshToken", user, "fresh", "now() + interval '1 day'", used: false, count: 1);

        var outcome = await RunAsync(app);

        Assert.Equal(PeriodicJobOutcome.Ran, outcome);
        foreach (var table in new[] { "VerificationToken", "PasswordResetToken" })
        {
            Assert.Equal(["fresh"], await LabelsAsync(app, table));
        }

        Assert.Equal(["fresh", "used"], await LabelsAsync(app, "RefreshToken"));
    }

    [Fact]
    public async Task While_another_replica_holds_the_lock_a_run_does_nothing_and_after_it_the_next_run_cleans()
    {
        await using var app = await ApiApp.CreateAsync(server, cancellationToken: Ct);
        await using var replica = app.CreateReplica();
        var user = await app.InsertUserAsync();
        await InsertAsync(app, "PasswordResetToken", user, "expired", "now() - interval '1 minute'", used: false, count: 2);
        await using var other = await app.Db.DataSource.OpenConnectionAsync(Ct);
        await using (var take = other.CreateCommand())
        {
            take.CommandText = $"SELECT pg_advisory_lock({AdvisoryLockKeys.TokenCleanup})";
            await take.ExecuteScalarAsync(Ct);
        }

        var whileHeld = await Task.WhenAll(RunAsync(app), RunAsync(replica));

        Assert.Equal([PeriodicJobOutcome.LockHeldElsewhere, PeriodicJobOutcome.LockHeldElsewhere], whileHeld);
        Assert.Equal(["expired", "expired"], await LabelsAsync(app, "PasswordResetToken"));
        await using (var release = other.CreateCommand())
        {
            release.CommandText = $"SELECT pg_advisory_unlock({AdvisoryLockKeys.TokenCleanup})";
            Assert.True((bool)(await release.ExecuteScalarAsync(Ct))!);
        }

        Assert.Equal(PeriodicJobOutcome.Ran, await RunAsync(replica));
        Assert.Empty(await LabelsAsync(app, "PasswordResetToken"));
        // The run let go of its lock: it is free again.
        await using var check = other.CreateCommand();
        check.CommandText = $"SELECT pg_try_advisory_lock({AdvisoryLockKeys.TokenCleanup})";
        Assert.True((bool)(await check.ExecuteScalarAsync(Ct))!);
    }

    [Fact]
    public async Task The_Api_runs_the_cleanup_by_itself_every_interval()
    {
        await using var app = await ApiApp.CreateAsync(server, new Dictionary<string, string?> { ["TokenCleanup:Interval"] = "00:00:01" }, cancellationToken: Ct);
        _ = app.Services;
        var user = await app.InsertUserAsync();
        await InsertAsync(app, "RefreshToken", user, "expired", "now() - interval '1 minute'", used: false, count: 1);
        await InsertAsync(app, "RefreshToken", user, "fresh", "now() + interval '1 day'", used: false, count: 1);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await LabelsAsync(app, "RefreshToken")).Count > 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, Ct);
        }

        Assert.Equal(["fresh"], await LabelsAsync(app, "RefreshToken"));
    }

    private static Task<PeriodicJobOutcome> RunAsync(ApiApp app) =>
        app.Services.GetRequiredService<PeriodicJobRunner>().RunOnceAsync<TokenCleanup>(Ct);

    /// <summary>Token rows whose hash starts with the label's bytes, so a test can tell which rows remain.</summary>
    private static Task InsertAsync(ApiApp app, string table, Guid user, string label, string expiresAt, bool used, int count) =>
        app.Db.ExecuteAsync($"""
            INSERT INTO "{table}" ("UserId", "TokenHash", "ExpiresAt", "UsedAt"{(table == "RefreshToken" ? ", \"FamilyId\"" : "")})
            SELECT '{user}', substring(convert_to('{label}', 'UTF8') || sha256(random()::text::bytea) for 32), {expiresAt},
                   {(used ? "now()" : "NULL")}{(table == "RefreshToken" ? ", gen_random_uuid()" : "")}
            FROM generate_series(1, {count})
            """, Ct);

    private static async Task<List<string>> LabelsAsync(ApiApp app, string table)
    {
        var labels = await app.Db.ScalarAsync<string>($"""
            SELECT coalesce(string_agg(label, ',' ORDER BY label), '') FROM (
                SELECT CASE WHEN position(convert_to('expired', 'UTF8') in "TokenHash") = 1 THEN 'expired'
                            WHEN position(convert_to('used', 'UTF8') in "TokenHash") = 1 THEN 'used'
                            ELSE 'fresh' END AS label
                FROM "{table}") AS labelled
            """, Ct);
        return labels.Length == 0 ? [] : [.. labels.Split(',')];
    }
}
