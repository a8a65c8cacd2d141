using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.AppHost.Schema;
using Marketplace.AppHost.Tests.Support;

namespace Marketplace.AppHost.Tests;

/// <summary>`dotnet run --project AppHost` with no container runtime: local PostgreSQL, migrations, then a healthy Api.</summary>
[Collection(LocalBinariesAppGroup.Name)]
public sealed class LocalBinariesAppTests(LocalBinariesApp fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_migration_worker_finishes_with_exit_code_0()
    {
        fixture.SkipUnlessRunning();
        var worker = await fixture.App.WaitForTerminalAsync("migrationworker", Ct);

        Assert.Equal(KnownResourceStates.Finished, worker.Snapshot.State?.Text);
        Assert.Equal(0, worker.Snapshot.ExitCode);
    }

    [Fact]
    public async Task The_api_waits_until_the_worker_is_terminal_then_turns_healthy()
    {
        fixture.SkipUnlessRunning();
        await fixture.App.WaitForTerminalAsync("migrationworker", Ct);
        var api = await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("api", Ct).WaitAsync(AppHostTestRun.WaitTimeout, Ct);

        Assert.Equal(KnownResourceStates.Running, api.Snapshot.State?.Text);

        // Aspire publishes Starting for every resource first; what matters is Waiting while the worker ran, and Running only after it.
        var entries = fixture.States.Entries;
        var workerDone = entries.ToList().FindIndex(e => e.Resource == "migrationworker" && e.State == KnownResourceStates.Finished);
        var history = string.Join(", ", entries.Where(e => e.Resource is "api" or "migrationworker").Select(e => $"{e.Resource}={e.State}"));
        Assert.True(workerDone > 0, "The worker never finished: " + history);
        Assert.True(entries.Take(workerDone).Any(e => e.Resource == "api" && e.State == KnownResourceStates.Waiting), "The Api was not waiting while the worker ran: " + history);
        Assert.False(entries.Take(workerDone).Any(e => e.Resource == "api" && e.State == KnownResourceStates.Running), "The Api ran before the worker finished: " + history);
    }

    [Fact]
    public async Task Get_api_categories_answers_the_ten_seeded_categories()
    {
        fixture.SkipUnlessRunning();
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("api", Ct).WaitAsync(AppHostTestRun.WaitTimeout * 2, Ct);
        using var client = fixture.App.CreateHttpClient("api");

        using var response = await client.GetAsync(new Uri("/api/categories", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var tree = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        // The ten the worker seeded are the tree's roots (the browser tests share this app and may add subcategories).
        var roots = tree.RootElement.EnumerateArray().Select(category => category.GetProperty("slug").GetString()).ToList();
        Assert.Equal(10, roots.Distinct().Count());
        Assert.Contains("home-and-garden", roots);
    }

    [Fact]
    public async Task The_api_connects_as_its_own_role_with_its_password_and_that_role_may_do_nothing_but_rows()
    {
        fixture.SkipUnlessRunning();
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("api", Ct).WaitAsync(AppHostTestRun.WaitTimeout * 2, Ct);
        using var client = fixture.App.CreateHttpClient("api");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/categories", UriKind.Relative), Ct)).StatusCode);

        // As the database's owner (the worker's connection string): who is connected, and what that role may do. The local
        // server asks every TCP client for a SCRAM password, so these sessions also prove the worker stored the Api's.
        await using var owner = new Npgsql.NpgsqlConnection(await fixture.App.GetConnectionStringAsync("marketplacedb", Ct));
        await owner.OpenAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand("""
            SELECT (SELECT string_agg(DISTINCT usename, ',') FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()),
                   r.rolsuper OR r.rolcreaterole OR r.rolcreatedb,
                   pg_has_role(r.oid, 'marketplace_rows', 'MEMBER'),
                   has_table_privilege(r.oid, '"Listing"', 'INSERT'),
                   has_table_privilege(r.oid, '"Listing"', 'TRUNCATE') OR has_schema_privilege(r.oid, 'public', 'CREATE'),
                   pg_has_role(r.oid, (SELECT relowner FROM pg_class WHERE relname = 'Listing'), 'MEMBER')
            FROM pg_roles r WHERE r.rolname = 'marketplace_api'
            """, owner);
        await using var reader = await command.ExecuteReaderAsync(Ct);

        Assert.True(await reader.ReadAsync(Ct), "There is no role marketplace_api.");
        Assert.Equal(("marketplace_api", false, true, true, false, false),
            (reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4), reader.GetBoolean(5)));
    }

    [Fact]
    public async Task The_dashboards_migration_status_command_reports_an_up_to_date_database_and_lists_the_applied_migrations()
    {
        fixture.SkipUnlessRunning();
        await fixture.App.WaitForTerminalAsync("migrationworker", Ct);

        var result = await fixture.App.ResourceCommands.ExecuteCommandAsync("migrationworker", SchemaCommandsBuilderExtensions.StatusCommand, Ct);

        Assert.True(result.Success, result.Message);
        Assert.StartsWith("Up to date:", result.Message, StringComparison.Ordinal);
        Assert.Equal(CommandResultFormat.Markdown, result.Data?.Format);
        Assert.Contains("### Applied", result.Data?.Value, StringComparison.Ordinal);
        Assert.Contains("_Initial", result.Data?.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("### Pending", result.Data?.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboards_apply_migrations_command_runs_the_worker_again_and_reports_its_exit_code_0()
    {
        fixture.SkipUnlessRunning();
        await fixture.App.WaitForTerminalAsync("migrationworker", Ct);
        var before = fixture.States.Entries.Count;

        var result = await fixture.App.ResourceCommands.ExecuteCommandAsync("migrationworker", SchemaCommandsBuilderExtensions.MigrateCommand, Ct);

        Assert.True(result.Success, result.Message);
        var worker = await fixture.App.WaitForTerminalAsync("migrationworker", Ct);
        Assert.Equal(0, worker.Snapshot.ExitCode);
        Assert.Contains(fixture.States.Entries.Skip(before), e => e.Resource == "migrationworker" && e.State == KnownResourceStates.Running);
    }

    [Fact]
    public async Task The_dashboards_lint_command_finds_no_unacknowledged_unsafe_operation()
    {
        fixture.SkipUnlessRunning();
        var result = await fixture.App.ResourceCommands.ExecuteCommandAsync("migrationworker", SchemaCommandsBuilderExtensions.LintCommand, Ct);

        Assert.True(result.Success, result.Message);
        Assert.Equal(CommandResultFormat.Markdown, result.Data?.Format);
    }

    [Fact]
    public async Task Registering_through_the_api_puts_the_verification_mail_in_smtp4devs_inbox_and_its_link_verifies_the_account()
    {
        fixture.SkipUnlessRunning();
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("mail", Ct).WaitAsync(AppHostTestRun.WaitTimeout, Ct);
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("api", Ct).WaitAsync(AppHostTestRun.WaitTimeout * 2, Ct);
        using var api = fixture.App.CreateHttpClient("api");
        var email = $"apphost-{Guid.NewGuid():N}@example.com";

        using var registered = await api.PostAsJsonAsync("/api/auth/register",
            new { email, password = "correct horse battery staple", displayName = "AppHost" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);

        var link = await Smtp4devInbox.VerificationLinkAsync(fixture.App, email, Ct);
        // The Web's http endpoint (its /verify-email page), as the AppHost handed it over in Marketplace__PublicBaseUrl.
        Assert.Equal(fixture.App.GetEndpoint("web", "http").GetLeftPart(UriPartial.Authority), link.GetLeftPart(UriPartial.Authority));
        using var verified = await api.PostAsJsonAsync("/api/auth/verify-email", new { token = Smtp4devInbox.TokenOf(link) }, Ct);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
    }
}
