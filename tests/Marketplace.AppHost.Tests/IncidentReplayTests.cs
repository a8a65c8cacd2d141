using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.AppHost.Tests.Support;
using Marketplace.Tests.Support;
using Npgsql;

namespace Marketplace.AppHost.Tests;

/// <summary>
/// The incident, replayed through the AppHost in connection-string mode: production was left at AddListingIndexes,
/// with users and listings in it, and the new code could not create a listing. After `dotnet run --project AppHost`
/// against that database the rows are still there and creating a listing works.
/// </summary>
public sealed class IncidentReplayTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_database_left_at_AddListingIndexes_with_rows_keeps_them_and_takes_new_listings_after_the_apphost_runs()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await RunWorkerAsync(database.ConnectionString, ["migrate", "--to", "AddListingIndexes"]);
        await ExecuteAsync(database.ConnectionString, """
            INSERT INTO "User" ("Id", "Email", "NormalizedEmail", "DisplayName", "PasswordHash", "Role") VALUES
              ('00000000-0000-0000-0000-000000000001', 'ada@example.com', 'ADA@EXAMPLE.COM', 'Ada', 'hash', 'user');
            INSERT INTO "Listing" ("Title", "Description", "Price", "Category", "Status", "SellerId")
            SELECT 'Item ' || c::text, 'A used ' || c::text, 10.50, c, 'active', '00000000-0000-0000-0000-000000000001'
            FROM unnest(enum_range(NULL::listing_category)) AS c;
            """);

        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Marketplace_AppHost>(
            [$"--ConnectionStrings:marketplacedb={database.ConnectionString}"], Ct);
        await using var app = await appHost.BuildAsync(Ct).WaitAsync(AppHostTestRun.StartTimeout, Ct);
        await app.StartAsync(Ct).WaitAsync(AppHostTestRun.StartTimeout, Ct);

        var worker = await app.WaitForTerminalAsync("migrationworker", Ct);
        Assert.Equal(0, worker.Snapshot.ExitCode);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("api", Ct).WaitAsync(AppHostTestRun.WaitTimeout, Ct);

        Assert.Equal(10L, await ScalarAsync(database.ConnectionString, """SELECT count(*) FROM "Listing" """));
        Assert.Equal(0L, await ScalarAsync(database.ConnectionString, """SELECT count(*) FROM "Listing" WHERE "CategoryId" IS NULL"""));

        // The Api does not wait for smtp4dev (it works without mail); this test reads the mail, so it does.
        await app.ResourceNotifications.WaitForResourceHealthyAsync("mail", Ct).WaitAsync(AppHostTestRun.WaitTimeout, Ct);
        using var client = app.CreateHttpClient("api");
        var account = new { email = "grace@example.com", password = "correct horse battery staple", displayName = "Grace" };
        using (var registered = await client.PostAsJsonAsync("/api/auth/register", account, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        }

        // Listings need a verified address: Grace follows the link in the mail smtp4dev received.
        var link = await Smtp4devInbox.VerificationLinkAsync(app, account.email, Ct);
        using (var verified = await client.PostAsJsonAsync("/api/auth/verify-email", new { token = Smtp4devInbox.TokenOf(link) }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        }

        using var login = await client.PostAsJsonAsync("/api/auth/login", new { account.email, account.password }, Ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString();

        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/listings")
        {
            Content = JsonContent.Create(new { title = "Brass desk lamp", description = "Works.", price = 24.50m, categorySlug = "home-and-garden" }),
        };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var created = await client.SendAsync(create, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(11L, await ScalarAsync(database.ConnectionString, """SELECT count(*) FROM "Listing" """));
    }

    /// <summary>The built worker, as a release would have run it against production.</summary>
    private static async Task RunWorkerAsync(string connectionString, string[] arguments)
    {
        var worker = Path.Combine(AppHostTestRun.RepositoryRoot(), "MigrationWorker", "bin", AppHostTestRun.BuildConfiguration(), "net10.0", "Marketplace.MigrationWorker.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(worker);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ConnectionStrings__marketplacedb"] = connectionString;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"migrate --to AddListingIndexes exited {process.ExitCode}:\n{await output}\n{await error}");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
