using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.AppHost.Database;
using Marketplace.AppHost.Tests.Support;

namespace Marketplace.AppHost.Tests;

/// <summary>
/// `dotnet run --project AppHost` in a real terminal (tmux), as a developer meets it: the dashboard's URL is printed,
/// the real dashboard shows the worker's steps and one span per migration (read through its telemetry API with the
/// Aspire CLI), and Ctrl+C stops the AppHost and everything it started, PostgreSQL with a clean shutdown.
/// </summary>
public sealed partial class TerminalRunTests
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task In_a_terminal_the_dashboard_shows_a_span_per_migration_and_ctrl_c_stops_everything_cleanly()
    {
        if (ProgramPath.Find("tmux") is null)
        {
            Assert.Skip("tmux is not installed (apt-get install tmux): this test types Ctrl+C into a real terminal, which a background process cannot receive.");
        }

        if (PostgresBinaries.Find(null, out var searched) is null)
        {
            Assert.Skip($"No PostgreSQL server binaries in {searched}: install them (apt-get install postgresql) to run this test.");
        }

        var repository = AppHostTestRun.RepositoryRoot();
        var dataDirectory = AppHostTestRun.NewDataDirectory();
        var work = Directory.CreateTempSubdirectory("marketplace-terminal-");
        var log = Path.Combine(work.FullName, "apphost.log");
        var socket = "marketplace-tests-" + Guid.NewGuid().ToString("N")[..8];
        var (dashboard, otlp, resources) = (FreePort(), FreePort(), FreePort());

        // Free ports instead of the launch profile's fixed ones, so a developer's own AppHost can keep running.
        var script = Path.Combine(work.FullName, "run.sh");
        await File.WriteAllTextAsync(script, $"""
            cd '{repository}'
            unset ConnectionStrings__marketplacedb
            export DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
            export ASPNETCORE_URLS=http://localhost:{dashboard} ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://localhost:{otlp} ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://localhost:{resources}
            dotnet run --project AppHost --no-build --configuration {AppHostTestRun.BuildConfiguration()} --no-launch-profile -- \
              --Database:Source=LocalBinaries --Database:DataDirectory='{dataDirectory}' \
              --Redis:Source=LocalServer --Redis:DataDirectory='{dataDirectory}-redis' --DcpPublisher:RandomizePorts=true > '{log}' 2>&1
            echo "AppHost exited with code $?" >> '{log}'
            """, Ct);

        await Tmux(socket, "new-session", "-d", "-s", "apphost", "-x", "200", "-y", "50", "bash", script);
        try
        {
            var login = LoginUrl().Match(await WaitForLogAsync(log, text => LoginUrl().IsMatch(text) || text.Contains("AppHost exited", StringComparison.Ordinal), AppHostTestRun.StartTimeout)).Groups[1].Value;
            Assert.True(login.Length > 0, "No dashboard URL was printed:\n" + await File.ReadAllTextAsync(log, Ct));

            var apphost = Path.Combine(repository, "AppHost", "Marketplace.AppHost.csproj");
            var described = await WaitForAsync(async () =>
            {
                var state = await AspireCli.JsonAsync(["describe", "--apphost", apphost], Ct);
                return (Resource(state, "migrationworker") is { } worker && IsTerminal(worker) && Resource(state, "api") is { } api && IsHealthy(api), state);
            }, AppHostTestRun.WaitTimeout);
            Assert.Equal("Finished", Resource(described, "migrationworker")!.Value.GetProperty("state").GetString());

            // The worker's spans, as the dashboard stored them; the exporter flushed them before the worker exited.
            var spans = await WaitForAsync(async () =>
            {
                var all = await AspireCli.JsonAsync(["otel", "spans", "migrationworker", "--dashboard-url", login, "-n", "10000"], Ct);
                return (all.EnumerateArray().Any(s => s.GetProperty("name").GetString() == "backfill"), all.EnumerateArray().ToList());
            }, TimeSpan.FromMinutes(1));
            foreach (var step in new[] { "wait-for-database", "check", "migrate", "seed", "backfill" })
            {
                Assert.Contains(spans, s => s.GetProperty("name").GetString() == step);
            }

            var migrate = spans.Single(s => s.GetProperty("name").GetString() == "migrate");
            var applied = int.Parse(migrate.GetProperty("attributes").GetProperty("marketplace.migrations.applied").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var perMigration = spans
                .Where(s => s.TryGetProperty("parentSpanId", out var parent) && parent.GetString() == migrate.GetProperty("spanId").GetString())
                .Select(s => s.GetProperty("name").GetString()!)
                .Where(name => MigrationId().IsMatch(name))
                .ToList();
            Assert.True(applied > 0, "A new cluster should have had every migration applied.");
            Assert.Equal(applied, perMigration.Count);
            Assert.Equal(perMigration.Count, perMigration.Distinct().Count());
            Assert.Contains(perMigration, name => name.EndsWith("_Initial", StringComparison.Ordinal));

            var ready = $"Database ready: {applied} migrations applied";
            var logs = await WaitForAsync(async () =>
            {
                var all = await AspireCli.JsonAsync(["otel", "logs", "migrationworker", "--dashboard-url", login, "-n", "10000"], Ct);
                return (all.GetRawText().Contains(ready, StringComparison.Ordinal), all);
            }, TimeSpan.FromMinutes(1));
            Assert.Contains(ready, logs.GetRawText(), StringComparison.Ordinal);

            var apiUrl = Urls(Resource(described, "api")!.Value).First(url => url.StartsWith("http://", StringComparison.Ordinal));
            using (var http = new HttpClient { BaseAddress = new Uri(apiUrl) })
            {
                using var health = await http.GetAsync(new Uri("/health", UriKind.Relative), Ct);
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            }

            await Tmux(socket, "send-keys", "-t", "apphost", "C-c");
            await WaitForLogAsync(log, text => text.Contains("AppHost exited", StringComparison.Ordinal), StopTimeout);

            // Everything it started is gone: the Api's replicas, the dashboard, redis-server, and PostgreSQL, which shut down cleanly.
            await AssertRefusedAsync(new Uri(apiUrl));
            await AssertRefusedAsync(new Uri($"http://localhost:{dashboard}"));
            Assert.DoesNotContain(ProcessCommandLines(), line => line.Contains(dataDirectory, StringComparison.Ordinal));
            // redis-server renames its process, so it is found by the port its configuration names.
            var redisPort = File.ReadLines(Path.Combine(dataDirectory + "-redis", "redis.conf")).Single(line => line.StartsWith("port ", StringComparison.Ordinal))[5..];
            await AssertRefusedAsync(new Uri($"tcp://127.0.0.1:{redisPort}"));
            Assert.Contains("Database cluster state:               shut down", ControlData(Path.Combine(dataDirectory, "data")), StringComparison.Ordinal);
        }
        finally
        {
            await Tmux(socket, "kill-server");
            AppHostTestRun.DeleteDataDirectory(dataDirectory);
            AppHostTestRun.DeleteDataDirectory(dataDirectory + "-redis");
            work.Delete(recursive: true);
        }
    }

    private static JsonElement? Resource(JsonElement described, string name) =>
        described.GetProperty("resources").EnumerateArray().Cast<JsonElement?>()
            .FirstOrDefault(r => r!.Value.TryGetProperty("displayName", out var display) && display.GetString() == name);

    private static bool IsTerminal(JsonElement resource) =>
        resource.GetProperty("state").GetString() is "Finished" or "Exited" or "FailedToStart";

    private static bool IsHealthy(JsonElement resource) =>
        resource.GetProperty("state").GetString() == "Running"
        && resource.TryGetProperty("healthStatus", out var health) && health.GetString() == "Healthy";

    private static IEnumerable<string> Urls(JsonElement resource) =>
        resource.TryGetProperty("urls", out var urls)
            ? urls.EnumerateArray().Select(u => u.ValueKind == JsonValueKind.String ? u.GetString()! : u.GetProperty("url").GetString()!)
            : [];

    /// <summary>
    /// Polls until <paramref name="attempt"/> finds what it waits for. A CLI call that fails counts as "not yet": the
    /// AppHost's backchannel and the dashboard's API answer a little after the URL is printed, later on a loaded machine.
    /// On timeout the last failure is reported.
    /// </summary>
    private static async Task<T> WaitForAsync<T>(Func<Task<(bool Found, T Value)>> attempt, TimeSpan timeout)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bound.CancelAfter(timeout);
        Exception? lastFailure = null;
        while (true)
        {
            try
            {
                if (await attempt() is (true, var value))
                {
                    return value;
                }
            }
            catch (InvalidOperationException failure)
            {
                lastFailure = failure;
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), bound.Token);
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s; last failure: {lastFailure?.Message ?? "none"}", lastFailure);
            }
        }
    }

    private static async Task<string> WaitForLogAsync(string log, Func<string, bool> done, TimeSpan timeout)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bound.CancelAfter(timeout);
        while (true)
        {
            var text = File.Exists(log) ? await File.ReadAllTextAsync(log, Ct) : "";
            if (done(text))
            {
                return text;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), bound.Token);
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s; the AppHost wrote:\n{text}");
            }
        }
    }

    private static async Task AssertRefusedAsync(Uri url)
    {
        using var client = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(async () => await client.ConnectAsync(url.Host, url.Port, Ct));
    }

    private static IEnumerable<string> ProcessCommandLines() =>
        Directory.EnumerateDirectories("/proc")
            .Where(path => int.TryParse(Path.GetFileName(path), out _))
            .Select(path =>
            {
                try
                {
                    return File.ReadAllText(Path.Combine(path, "cmdline")).Replace('\0', ' ');
                }
                catch (IOException)
                {
                    return "";
                }
                catch (UnauthorizedAccessException)
                {
                    return "";
                }
            });

    private static string ControlData(string dataDirectory)
    {
        var binaries = PostgresBinaries.Find(null, out var searched) ?? throw new InvalidOperationException("No PostgreSQL binaries in " + searched);
        var start = new ProcessStartInfo(binaries.Program("pg_controldata"), [dataDirectory]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    private static async Task Tmux(string socket, params string[] arguments)
    {
        var start = new ProcessStartInfo("tmux", ["-L", socket, .. arguments]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync(Ct);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Login to the dashboard at (\S+)")]
    private static partial Regex LoginUrl();

    [GeneratedRegex(@"^\d{14}_\w+$")]
    private static partial Regex MigrationId();
}
