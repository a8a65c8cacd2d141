using System.Diagnostics;
using System.Net;
using System.Reflection;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// The built Marketplace.Api.dll, from the Api project's own output folder (with its appsettings files), as its own
/// process on a free loopback port: what an orchestrator starts.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly CapturedProcess _process;

    private ApiProcess(CapturedProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Whether the process has ended (by itself, as it should only for bad settings).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output => _process.Output;

    /// <summary>
    /// Starts the Api with these environment variables added (and no inherited connection string or mail settings), over
    /// the test mail settings: SMTP to <see cref="SmtpInbox.Shared"/>, links under <see cref="ApiApp.PublicBaseUrl"/>. A
    /// variable given as null is left unset.
    /// </summary>
    public static ApiProcess Start(IReadOnlyDictionary<string, string?> environment)
    {
        var folder = OutputFolder();
        var port = CapturedProcess.FreeLoopbackPort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder };
        foreach (var argument in new[] { Path.Combine(folder, "Marketplace.Api.dll"), "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var inherited in new[] { "ConnectionStrings__marketplacedb", "ConnectionStrings__blobs", "Jwt__SigningKey", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "OTEL_EXPORTER_OTLP_ENDPOINT" })
        {
            start.Environment.Remove(inherited);
        }

        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("Smtp__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (key, value) in SmtpInbox.Shared.Settings("__"))
        {
            start.Environment[key] = value;
        }

        start.Environment["Marketplace__PublicBaseUrl"] = ApiApp.PublicBaseUrl;
        start.Environment["Outbox__PollInterval"] = "00:00:00.200";
        // As ApiApp: what the next release turns on by default (Api.http's revert request needs its mail).
        start.Environment["Accounts__MailEmailChangeReverts"] = "true";
        start.Environment["ConnectionStrings__blobs"] = "UseDevelopmentStorage=true";

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new ApiProcess(CapturedProcess.Start(start), new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>Waits until /health answers 200, failing with the process's output if it exits or takes over a minute.</summary>
    public async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"The Api exited during start-up:\n{Output}");
            try
            {
                if ((await http.GetAsync("/health", Ct)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !Ct.IsCancellationRequested)
            {
                // Not listening yet, or still warming up on a busy machine.
            }

            await Task.Delay(250, Ct);
        }

        Assert.Fail($"The Api was not ready within a minute:\n{Output}");
    }

    /// <summary>Waits for the process to exit by itself, as it should when its configuration is wrong.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>Ends the process with SIGKILL, as a crash or an out-of-memory kill does: nothing of it runs after.</summary>
    public Task KillAsync() => _process.KillAsync();

    /// <summary>The folder with Marketplace.sln, above the test output.</summary>
    public static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Marketplace.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName ?? throw new InvalidOperationException("No Marketplace.sln above the test output.");
    }

    private static string OutputFolder()
    {
        var configuration = typeof(ApiProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var folder = Path.Combine(RepositoryRoot(), "Api", "bin", configuration, "net10.0");
        Assert.True(File.Exists(Path.Combine(folder, "Marketplace.Api.dll")), $"Build the Api first: no Marketplace.Api.dll in {folder}.");
        return folder;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
