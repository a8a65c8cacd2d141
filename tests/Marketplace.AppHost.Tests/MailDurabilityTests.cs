using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Marketplace.AppHost.Tests.Support;

namespace Marketplace.AppHost.Tests;

/// <summary>
/// No mail is kept only in memory: every mail is an outbox row committed with its cause, so an Api replica killed
/// mid-work or a mail server gone for a minute loses none. Against the real processes: two Api replicas, PostgreSQL and
/// smtp4dev, each test waiting for the outcome with a generous deadline (speed is the benches' business).
/// </summary>
public sealed class MailDurabilityTests(MailDurabilityApp fixture) : IClassFixture<MailDurabilityApp>
{
    private const string Password = "correct horse battery staple";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_api_replica_killed_right_after_twenty_forgot_password_requests_loses_none_of_their_mails()
    {
        var apis = await ApisAsync();
        var emails = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            emails.Add(await RegisterAsync(fixture.App.GetEndpoint("api", "http"), $"198.51.100.{i + 1}"));
        }

        // Every request to the first replica, each from an address of its own, and that replica killed at once: its
        // sender may hold a claimed row in an open transaction, which the database rolls back when the process dies.
        var victim = ProcessListeningAt(apis[0]);
        for (var i = 0; i < emails.Count; i++)
        {
            using var client = Client(apis[0], $"203.0.113.{i + 1}");
            using var asked = await client.PostAsJsonAsync("/api/auth/forgot-password", new { email = emails[i] }, Ct);
            Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        }

        victim.Kill();
        await victim.WaitForExitAsync(Ct);

        // The other replica's sender sends what the killed one had not.
        var counts = await Smtp4devInbox.CountsAsync(fixture.App, "Reset your password", emails, TimeSpan.FromMinutes(3), Ct);
        Assert.All(counts, count => Assert.True(count.Value >= 1, $"No reset mail reached {count.Key}: {Describe(counts)}"));
    }

    [Fact]
    public async Task With_the_mail_server_stopped_during_fifty_registrations_and_started_a_minute_later_all_fifty_mails_arrive_once()
    {
        // One running replica is enough here (the other test may have killed one): every registration goes to it.
        var api = (await ApisAsync(count: 1))[0];
        var stopped = await fixture.App.ResourceCommands.ExecuteCommandAsync("mail", KnownResourceCommands.StopCommand, Ct);
        Assert.True(stopped.Success, stopped.Message);
        await fixture.App.WaitForTerminalAsync("mail", Ct);
        var stoppedAt = DateTime.UtcNow;

        var emails = new List<string>();
        try
        {
            // Every registration succeeds without a mail server: its mail is a row, sent when one answers.
            for (var i = 0; i < 50; i++)
            {
                emails.Add(await RegisterAsync(api, $"2001:db8:50:{i + 1:x}::1"));
            }

            var outage = TimeSpan.FromMinutes(1) - (DateTime.UtcNow - stoppedAt);
            if (outage > TimeSpan.Zero)
            {
                await Task.Delay(outage, Ct);
            }
        }
        finally
        {
            await fixture.App.ResourceCommands.ExecuteCommandAsync("mail", KnownResourceCommands.StartCommand, Ct);
        }

        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("mail", Ct).WaitAsync(AppHostTestRun.WaitTimeout, Ct);
        var counts = await Smtp4devInbox.CountsAsync(fixture.App, "Verify your email address", emails, TimeSpan.FromMinutes(3), Ct);
        // Give a duplicate (a send whose mark was lost) the time to show, then count again.
        await Task.Delay(TimeSpan.FromSeconds(15), Ct);
        counts = await Smtp4devInbox.CountsAsync(fixture.App, "Verify your email address", emails, TimeSpan.FromSeconds(10), Ct);

        Assert.All(counts, count => Assert.True(count.Value == 1, $"{count.Key} got {count.Value} verification mails: {Describe(counts)}"));
    }

    private async Task<IReadOnlyList<Uri>> ApisAsync(int count = 2)
    {
        fixture.SkipUnlessRunning();
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("api", Ct).WaitAsync(AppHostTestRun.WaitTimeout * 2, Ct);
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("mail", Ct).WaitAsync(AppHostTestRun.WaitTimeout, Ct);
        return await ReplicaEndpoints.OfAsync(fixture.App, "api", count, Ct);
    }

    /// <summary>A client of <paramref name="api"/>, counted as <paramref name="visitor"/> (the Web's forwarding channel).</summary>
    private static HttpClient Client(Uri api, string visitor)
    {
        var client = new HttpClient { BaseAddress = api };
        client.DefaultRequestHeaders.Add("X-Marketplace-Forwarding-Key", MailDurabilityApp.ForwardingKey);
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-Forwarded-For", visitor);
        return client;
    }

    private static async Task<string> RegisterAsync(Uri api, string visitor)
    {
        var email = $"durable-{Guid.NewGuid():N}@example.com";
        using var client = Client(api, visitor);
        using var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Durable" }, Ct);
        Assert.True(registered.IsSuccessStatusCode, $"Registration answered {(int)registered.StatusCode}: {await registered.Content.ReadAsStringAsync(Ct)}");
        return email;
    }

    /// <summary>
    /// The replica's process: the one the orchestrator started with <paramref name="api"/> as its ASPNETCORE_URLS
    /// (both replicas run the same program; only their environment tells them apart).
    /// </summary>
    private static System.Diagnostics.Process ProcessListeningAt(Uri api)
    {
        var wanted = "ASPNETCORE_URLS=" + api.GetLeftPart(UriPartial.Authority);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var environment = File.ReadAllText(Path.Combine(directory, "environ")).Split('\0');
                if (environment.Any(variable => variable.StartsWith(wanted, StringComparison.Ordinal)))
                {
                    return System.Diagnostics.Process.GetProcessById(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
            {
                // Gone meanwhile, or not ours to read.
            }
        }

        throw new InvalidOperationException($"No process has {wanted}.");
    }

    private static string Describe(Dictionary<string, int> counts) =>
        string.Join(", ", counts.GroupBy(c => c.Value).OrderBy(g => g.Key).Select(g => $"{g.Count()} addresses with {g.Key}"));
}
