using System.Buffers.Text;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Marketplace.Api.Mail;
using Marketplace.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// The durable mail outbox, against a real PostgreSQL and real SMTP servers (one behind a port that refuses connections
/// until it is opened: a mail server that is down, then back): every mail is a row committed with its cause; senders
/// on every replica claim rows, retry with backoff, give up (dead) after their budget, drop a mail whose link would
/// have expired, never send one row twice, and mark each mail with a Message-ID that stays the same on a resend.
/// </summary>
public sealed class MailOutboxTests(PostgresServer server)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    private static string NewEmail(string prefix = "outbox") => $"{prefix}-{Guid.NewGuid():N}@example.com";

    [Fact]
    public async Task A_registrations_verification_mail_commits_with_the_account_and_a_refused_registration_commits_none()
    {
        await using var app = await ApiApp.CreateAsync(server, cancellationToken: Ct);
        var email = NewEmail();

        // Four registrations of one address at once: one account, and exactly its one verification mail, whichever won.
        // Every answer is the same 202 (or the per-email limit's 429); one that lost the race to the unique email commits
        // nothing, and one that came after the winner's commit queues the mail that offers sign-in instead.
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var client = app.CreateClient();
            using var response = await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Once" }, Ct);
            return response.StatusCode;
        }));

        Assert.All(answers, status => Assert.True(status is HttpStatusCode.Accepted or HttpStatusCode.TooManyRequests, $"{status}"));
        Assert.Contains(HttpStatusCode.Accepted, answers);
        Assert.Equal(1L, await app.Db.ScalarAsync<long>($"""SELECT count(*) FROM "User" WHERE "Email" = '{email}'""", Ct));
        Assert.Equal(1L, await app.Db.ScalarAsync<long>($"""
            SELECT count(*) FROM "OutboxMail" m JOIN "User" u ON u."Id" = m."UserId"
            WHERE u."Email" = '{email}' AND m."ToAddress" = '{email}' AND m."Kind" = 'verification'
            """, Ct));
        Assert.Equal(1L, await app.Db.ScalarAsync<long>($"""SELECT count(*) FROM "OutboxMail" WHERE "ToAddress" = '{email}' AND "Kind" = 'verification'""", Ct));
        await app.Inbox.WaitForMailAsync(email, cancellationToken: Ct);
    }

    [Fact]
    public async Task No_row_holds_a_usable_token_the_link_is_minted_when_sent_and_only_its_hash_is_stored()
    {
        await using var app = await ApiApp.CreateAsync(server, cancellationToken: Ct);
        var account = await app.SignUpAsync();
        using (var forgot = await app.CreateClient().PostAsJsonAsync("/api/auth/forgot-password", new { email = account.Email }, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, forgot.StatusCode);
        }

        var mail = await WaitForSubjectAsync(app.Inbox, account.Email, "Reset your password");
        var token = mail.Token("/reset-password");
        await app.Db.WaitUntilOutboxSettledAsync(Deadline, Ct);

        // Every column of every outbox row, as text: neither the reset link's token nor the verification link's is there.
        var rows = await app.Db.ScalarAsync<string>("""SELECT string_agg(m::text, E'\n') FROM "OutboxMail" m""", Ct);
        Assert.Contains(account.Email, rows, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(token, rows, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Inbox.MailsTo(account.Email)[0].Token("/verify-email"), rows, StringComparison.Ordinal);
        Assert.Equal(1L, await app.Db.ScalarAsync<long>($"""
            SELECT count(*) FROM "PasswordResetToken" WHERE "TokenHash" = '\x{Convert.ToHexString(SHA256.HashData(Base64Url.DecodeFromChars(token)))}'::bytea
            """, Ct));
        using var reset = await app.CreateClient().PostAsJsonAsync("/api/auth/reset-password", new { token, newPassword = "a brand new passphrase" }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
    }

    [Fact]
    public async Task With_the_mail_server_down_during_50_registrations_and_back_later_all_50_verification_mails_arrive_none_twice()
    {
        await using var outage = new MailServerOutage();
        var inbox = outage.Inbox;
        await using var app = await ApiApp.CreateAsync(server, outage.Settings(), cancellationToken: Ct);
        var emails = Enumerable.Range(0, 50).Select(i => NewEmail($"down{i}")).ToList();

        foreach (var email in emails)
        {
            using var client = app.CreateClient();
            using var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Patient" }, Ct);
            Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        }

        // Every mail has met the server being down at least once before it comes back.
        await app.Db.WaitUntilAsync("""NOT EXISTS (SELECT 1 FROM "OutboxMail" WHERE "Attempts" = 0)""",
            "every verification mail failed an attempt", Deadline, Ct);
        Assert.Empty(emails.SelectMany(inbox.MailsTo));
        outage.End();

        foreach (var email in emails)
        {
            var mail = await inbox.WaitForMailAsync(email, timeout: Deadline, cancellationToken: Ct);
            Assert.Equal("Verify your email address", mail.Subject);
        }

        await app.Db.WaitUntilOutboxSettledAsync(Deadline, Ct);
        Assert.All(emails, email => Assert.Single(inbox.MailsTo(email)));
        Assert.Equal(50L, await app.Db.ScalarAsync<long>("""SELECT count(*) FROM "OutboxMail" WHERE "State" = 'sent'""", Ct));
        // The last link works: nothing about the outage spoiled it.
        using var verified = await app.CreateClient().PostAsJsonAsync("/api/auth/verify-email",
            new { token = inbox.MailsTo(emails[^1])[0].Token("/verify-email") }, Ct);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
    }

    [Fact]
    public async Task Two_replicas_senders_never_send_one_mail_twice()
    {
        // Each replica sends to a mail server of its own, so the inboxes say which replica sent what.
        await using var outageA = new MailServerOutage();
        await using var outageB = new MailServerOutage();
        var (inboxA, inboxB) = (outageA.Inbox, outageB.Inbox);
        await using var app = await ApiApp.CreateAsync(server, outageA.Settings(), cancellationToken: Ct);
        await using var replica = app.CreateReplica(outageB.Settings());
        _ = replica.Services;
        var emails = Enumerable.Range(0, 60).Select(i => NewEmail($"pair{i}")).ToList();
        await app.Db.ExecuteAsync($"""
            INSERT INTO "User" ("Id", "Email", "NormalizedEmail", "DisplayName", "PasswordHash")
            SELECT gen_random_uuid(), e, upper(e), 'Pair', 'not a password hash' FROM unnest(ARRAY['{string.Join("','", emails)}']) AS e
            """, Ct);
        foreach (var email in emails)
        {
            using var client = app.CreateClient();
            using var forgot = await client.PostAsJsonAsync("/api/auth/forgot-password", new { email }, Ct);
            Assert.Equal(HttpStatusCode.Accepted, forgot.StatusCode);
        }

        await app.Db.WaitUntilAsync("""NOT EXISTS (SELECT 1 FROM "OutboxMail" WHERE "Attempts" = 0)""",
            "every mail failed an attempt on both replicas' closed mail servers", Deadline, Ct);
        outageA.End();
        outageB.End();

        await app.Db.WaitUntilOutboxSettledAsync(Deadline, Ct);
        var byA = emails.Sum(e => inboxA.MailsTo(e).Count);
        var byB = emails.Sum(e => inboxB.MailsTo(e).Count);
        Assert.All(emails, email => Assert.Single(inboxA.MailsTo(email).Concat(inboxB.MailsTo(email))));
        Assert.True(byA > 0 && byB > 0, $"Both senders should have taken mails: {byA} and {byB}.");
    }

    [Fact]
    public async Task A_mail_is_given_up_on_after_its_retry_budget_counted_logged_and_listed_by_the_workers_dead_mail_command()
    {
        // An outage that never ends.
        await using var outage = new MailServerOutage();
        await using var app = await ApiApp.CreateAsync(server, outage.Settings(maxAttempts: 3), cancellationToken: Ct);
        var dead = 0L;
        var meters = app.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name == "marketplace.mail.dead")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref dead, value));
        listener.Start();
        var email = NewEmail("dead");

        using (var registered = await app.CreateClient().PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Dead" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        }

        await app.Db.WaitUntilAsync($"""EXISTS (SELECT 1 FROM "OutboxMail" WHERE "ToAddress" = '{email}' AND "State" = 'dead')""",
            "the mail was given up on", Deadline, Ct);
        Assert.Equal(3, await app.Db.ScalarAsync<int>($"""SELECT "Attempts" FROM "OutboxMail" WHERE "ToAddress" = '{email}'""", Ct));
        Assert.Equal(1L, Interlocked.Read(ref dead));

        var listed = await WorkerRunner.RunAsync(app.ConnectionString, ["dead-mail", "--json"], cancellationToken: Ct);
        Assert.True(listed.ExitCode == 0, listed.ToString());
        using var report = JsonDocument.Parse(listed.Output);
        var mail = Assert.Single(report.RootElement.GetProperty("deadMails").EnumerateArray());
        Assert.Equal(email, mail.GetProperty("to").GetString());
        Assert.Equal("verification", mail.GetProperty("kind").GetString());
        Assert.Equal(3, mail.GetProperty("attempts").GetInt32());
        Assert.StartsWith("Attempt 3: ", mail.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var text = await WorkerRunner.RunAsync(app.ConnectionString, ["dead-mail"], cancellationToken: Ct);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains($"to {email}  after 3 attempts", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mail_whose_link_would_have_expired_by_the_time_it_can_go_is_dropped_not_sent()
    {
        await using var outage = new MailServerOutage();
        var inbox = outage.Inbox;
        await using var app = await ApiApp.CreateAsync(server, outage.Settings(), cancellationToken: Ct);
        var userId = await app.InsertUserAsync();
        var email = $"{userId}@example.com";
        using (var forgot = await app.CreateClient().PostAsJsonAsync("/api/auth/forgot-password", new { email }, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, forgot.StatusCode);
        }

        await app.Db.WaitUntilAnAttemptFailedAsync(email, Deadline, Ct);
        // The outage outlasts the link: as if an hour had passed since it was asked for.
        await app.Db.ExecuteAsync($"""UPDATE "OutboxMail" SET "ExpiresAt" = now() + interval '30 seconds' WHERE "ToAddress" = '{email}'""", Ct);
        outage.End();

        await app.Db.WaitUntilAsync($"""EXISTS (SELECT 1 FROM "OutboxMail" WHERE "ToAddress" = '{email}' AND "State" = 'dropped')""",
            "the mail was dropped", Deadline, Ct);
        Assert.Contains("expired", await app.Db.ScalarAsync<string>($"""SELECT "Detail" FROM "OutboxMail" WHERE "ToAddress" = '{email}'""", Ct), StringComparison.Ordinal);
        // A mail committed after the outage goes out as usual, so the first one was not merely still waiting.
        var other = await app.SignUpAsync(verified: false);
        await inbox.WaitForMailAsync(other.Email, timeout: Deadline, cancellationToken: Ct);
        Assert.Empty(inbox.MailsTo(email));
    }

    [Fact]
    public async Task Mails_sent_given_up_on_or_dropped_more_than_seven_days_ago_are_purged_and_nothing_else()
    {
        await using var app = await ApiApp.CreateAsync(server, new Dictionary<string, string?> { ["Outbox:PurgeInterval"] = "00:00:01" }, cancellationToken: Ct);
        var old = await app.SignUpAsync(verified: false);
        var recent = await app.SignUpAsync(verified: false);
        var unknown = NewEmail("unknown");
        (await app.CreateClient().PostAsJsonAsync("/api/auth/forgot-password", new { email = unknown }, Ct)).Dispose();
        await app.Inbox.WaitForMailAsync(old.Email, cancellationToken: Ct);
        await app.Inbox.WaitForMailAsync(recent.Email, cancellationToken: Ct);
        await app.Db.WaitUntilOutboxSettledAsync(Deadline, Ct);
        // Aged in the table: the old account's mail sent eight days ago, the unknown address's dropped then, and a mail
        // made dead eight days ago; a pending mail asked for eight days ago (its link lives on: a long outage) stays.
        await app.Db.ExecuteAsync($"""
            UPDATE "OutboxMail" SET "CompletedAt" = now() - interval '8 days' WHERE "ToAddress" IN ('{old.Email}', '{unknown}');
            INSERT INTO "OutboxMail" ("Id", "Kind", "State", "ToAddress", "Subject", "TextBody", "HtmlBody", "CreatedAt", "DueAt", "Attempts", "CompletedAt", "Detail")
            VALUES (gen_random_uuid(), 'message', 'dead', 'dead@example.com', 's', 't', 'h', now() - interval '9 days', now(), 12, now() - interval '8 days', 'Attempt 12: refused'),
                   (gen_random_uuid(), 'message', 'pending', 'waiting@example.com', 's', 't', 'h', now() - interval '8 days', now() + interval '1 day', 40, NULL, NULL);
            """, Ct);

        await app.Db.WaitUntilAsync("""NOT EXISTS (SELECT 1 FROM "OutboxMail" WHERE "CompletedAt" < now() - interval '7 days')""",
            "the purge removed the mails done with more than seven days ago", Deadline, Ct);

        Assert.Empty(await app.Db.OutboxToAsync(old.Email, Ct));
        Assert.Empty(await app.Db.OutboxToAsync(unknown, Ct));
        Assert.Empty(await app.Db.OutboxToAsync("dead@example.com", Ct));
        Assert.Equal(["verification sent"], await app.Db.OutboxToAsync(recent.Email, Ct));
        Assert.Equal(["message pending"], await app.Db.OutboxToAsync("waiting@example.com", Ct));
    }

    [Fact]
    public async Task A_resend_after_a_crash_between_sending_and_marking_has_the_same_Message_ID_and_the_same_working_link()
    {
        await using var app = await ApiApp.CreateAsync(server, cancellationToken: Ct);
        var email = NewEmail("twice");
        using (var registered = await app.CreateClient().PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Twice" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        }

        var first = await app.Inbox.WaitForMailAsync(email, cancellationToken: Ct);
        var id = await app.Db.ScalarAsync<Guid>($"""SELECT "Id" FROM "OutboxMail" WHERE "ToAddress" = '{email}'""", Ct);
        await app.Db.WaitUntilAsync($"""(SELECT "State" = 'sent' FROM "OutboxMail" WHERE "Id" = '{id}')""", "the mail was marked sent", Deadline, Ct);
        // What a sender that died after the server took the mail and before it committed "sent" leaves: a pending row.
        await app.Db.ExecuteAsync($"""UPDATE "OutboxMail" SET "State" = 'pending', "CompletedAt" = NULL, "DueAt" = now() WHERE "Id" = '{id}'""", Ct);

        var second = await app.Inbox.WaitForMailAsync(email, 2, cancellationToken: Ct);

        Assert.Equal($"{id:N}@marketplace.test", first.Message.MessageId);
        Assert.Equal(first.Message.MessageId, second.Message.MessageId);
        Assert.Equal(first.Token("/verify-email"), second.Token("/verify-email"));
        using var verified = await app.CreateClient().PostAsJsonAsync("/api/auth/verify-email", new { token = first.Token("/verify-email") }, Ct);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
    }

    [Fact]
    public async Task Change_email_answers_202_while_the_mail_server_is_down_and_the_new_address_gets_its_link_once_it_is_back()
    {
        await using var outage = new MailServerOutage();
        var inbox = outage.Inbox;
        await using var app = await ApiApp.CreateAsync(server, outage.Settings(), cancellationToken: Ct);
        var account = await app.SignUpAsync(verified: false);
        var newEmail = NewEmail("moved");

        using var response = await account.Client.PostAsJsonAsync("/api/auth/change-email", new { newEmail, currentPassword = Password }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(["email_change pending"], await app.Db.OutboxToAsync(newEmail, Ct));
        await app.Db.WaitUntilAnAttemptFailedAsync(newEmail, Deadline, Ct);
        outage.End();
        var mail = await inbox.WaitForMailAsync(newEmail, timeout: Deadline, cancellationToken: Ct);
        Assert.Equal("Confirm your new email address", mail.Subject);
        using var verified = await app.CreateClient().PostAsJsonAsync("/api/auth/verify-email", new { token = mail.Token("/verify-email") }, Ct);
        Assert.Equal(newEmail, (await verified.ReadAsync<Marketplace.Contracts.Accounts.EmailVerifiedResponse>()).Email);
        await app.Db.WaitUntilOutboxSettledAsync(Deadline, Ct);
        // The registration's mail, still waiting when the change came, was replaced: one link, to the new address. The old
        // address hears only that its account moved (with the link that puts it back), and holds no link to verify.
        Assert.All(inbox.MailsTo(account.Email), told =>
        {
            Assert.Equal("Your marketplace account's email address was changed", told.Subject);
            Assert.DoesNotContain("/verify-email", told.TextBody, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task On_a_database_without_the_outbox_registering_and_forgot_password_answer_503_and_work_once_the_worker_ran()
    {
        // The migration before the outbox's: its enum types do not exist when the Api first connects.
        var migrations = Db.AllMigrations().ToList();
        var before = migrations[migrations.FindIndex(m => m.EndsWith("_AddOutboxMail", StringComparison.Ordinal)) - 1].Split('_', 2)[1];
        await using var app = await ApiApp.CreateAsync(server, new Dictionary<string, string?> { ["Health:SchemaCheckInterval"] = "00:00:01" },
            migrateTo: before, cancellationToken: Ct);
        var email = NewEmail("early");
        using var client = app.CreateClient();

        using (var register = await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Early" }, Ct))
        {
            await register.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(register.Headers.RetryAfter);
        }

        using (var forgot = await client.PostAsJsonAsync("/api/auth/forgot-password", new { email }, Ct))
        {
            await forgot.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        }

        var worker = await WorkerRunner.RunAsync(app.ConnectionString, [], cancellationToken: Ct);
        Assert.True(worker.ExitCode == 0, worker.ToString());
        var deadline = DateTime.UtcNow + Deadline;
        HttpStatusCode status;
        do
        {
            await Task.Delay(200, Ct);
            using var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Early" }, Ct);
            status = registered.StatusCode;
            Assert.True(status is HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable, $"{status}: {await registered.Content.ReadAsStringAsync(Ct)}");
        }
        while (status != HttpStatusCode.Accepted && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.Accepted, status);
        await app.Inbox.WaitForMailAsync(email, cancellationToken: Ct);
    }

    private static async Task<ReceivedMail> WaitForSubjectAsync(SmtpInbox inbox, string email, string subject)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            if (inbox.MailsTo(email).FirstOrDefault(m => m.Subject == subject) is { } mail)
            {
                return mail;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No mail '{subject}' to {email} within {Deadline}.");
            await Task.Delay(50, Ct);
        }
    }
}
