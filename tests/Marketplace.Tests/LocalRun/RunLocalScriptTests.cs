using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Marketplace.Tests.Api;

namespace Marketplace.Tests.LocalRun;

/// <summary>The container-free run as the README tells users to start it: PostgreSQL, the worker, the Api, then Ctrl+C.</summary>
public sealed class RunLocalScriptTests
{
    [Fact]
    public async Task The_script_brings_up_the_Api_on_a_migrated_database_and_Ctrl_C_stops_everything()
    {
        var ct = TestContext.Current.CancellationToken;
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        // Debug: the build the test run already made, so the script's own build is incremental.
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = ApiProcess.RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "scripts/run-local.sh", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--configuration", "Debug" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("ConnectionStrings__marketplacedb");
        using var script = Process.Start(start)!;
        var output = new StringBuilder();
        var urlLine = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        script.OutputDataReceived += (_, e) => Collect(e.Data);
        script.ErrorDataReceived += (_, e) => Collect(e.Data);
        script.BeginOutputReadLine();
        script.BeginErrorReadLine();

        try
        {
            var first = await Task.WhenAny(urlLine.Task, Task.Delay(TimeSpan.FromMinutes(4), ct));
            Assert.True(first == urlLine.Task, "The script never announced the Api's URL. It wrote:\n" + Text());
            var announced = await urlLine.Task;
            Assert.Contains($"http://127.0.0.1:{port}", announced, StringComparison.Ordinal);

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            using var categories = await http.GetAsync(new Uri("/api/categories", UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.OK, categories.StatusCode);
            var roots = await categories.Content.ReadFromJsonAsync<JsonElement>(ct);
            Assert.Equal(10, roots.GetArrayLength());
        }
        finally
        {
            // What Ctrl+C sends to the script.
            using (var interrupt = Process.Start("kill", ["-INT", script.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync(ct);
            }

            using var exited = CancellationTokenSource.CreateLinkedTokenSource(ct);
            exited.CancelAfter(TimeSpan.FromSeconds(60));
            await script.WaitForExitAsync(exited.Token);
        }

        Assert.Contains("Stopped.", Text(), StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<SocketException>(async () =>
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, ct);
        });

        void Collect(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (line.StartsWith("Marketplace Api: ", StringComparison.Ordinal))
            {
                urlLine.TrySetResult(line);
            }
        }

        string Text()
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }
}
