using System.Net;
using System.Net.Http.Json;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// No mail lives only in a process's memory: the built Api, as its own process, killed with SIGKILL right after it
/// answered 20 forgot-password requests (the mail server down meanwhile, so none had gone), and started again: every
/// reset mail arrives, and its link works.
/// </summary>
public sealed class MailOutboxCrashTests(PostgresServer server)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task After_a_SIGKILL_right_after_20_forgot_password_requests_every_reset_mail_arrives_once_the_Api_runs_again()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        var worker = await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct);
        Assert.True(worker.ExitCode == 0, worker.ToString());
        await using var db = new Db(database.ConnectionString);
        await using var outage = new MailServerOutage();
        var inbox = outage.Inbox;
        var settings = outage.Settings("__");
        settings["ASPNETCORE_ENVIRONMENT"] = "Production";
        settings["ConnectionStrings__marketplacedb"] = database.ConnectionString;
        settings["Jwt__SigningKey"] = ApiApp.SigningKey;
        var emails = Enumerable.Range(0, 20).Select(i => $"crash{i}-{Guid.NewGuid():N}@example.com").ToList();
        await db.ExecuteAsync($"""
            INSERT INTO "User" ("Id", "Email", "NormalizedEmail", "DisplayName", "PasswordHash")
            SELECT gen_random_uuid(), e, upper(e), 'Crash', 'not a password hash' FROM unnest(ARRAY['{string.Join("','", emails)}']) AS e
            """, Ct);

        await using (var first = ApiProcess.Start(settings))
        {
            await first.WaitUntilReadyAsync();
            using var http = new HttpClient { BaseAddress = first.BaseAddress };
            foreach (var email in emails)
            {
                using var forgot = await http.PostAsJsonAsync("/api/auth/forgot-password", new { email }, Ct);
                Assert.Equal(HttpStatusCode.Accepted, forgot.StatusCode);
            }

            await first.KillAsync();
        }

        Assert.Empty(emails.SelectMany(inbox.MailsTo));
        outage.End();
        await using var second = ApiProcess.Start(settings);
        await second.WaitUntilReadyAsync();

        foreach (var email in emails)
        {
            var mail = await inbox.WaitForMailAsync(email, timeout: Deadline, cancellationToken: Ct);
            Assert.Equal("Reset your password", mail.Subject);
        }

        await db.WaitUntilOutboxSettledAsync(Deadline, Ct);
        Assert.All(emails, email => Assert.Single(inbox.MailsTo(email)));
        using var client = new HttpClient { BaseAddress = second.BaseAddress };
        using var reset = await client.PostAsJsonAsync("/api/auth/reset-password",
            new { token = inbox.MailsTo(emails[0])[0].Token("/reset-password"), newPassword = "a brand new passphrase" }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
    }
}
