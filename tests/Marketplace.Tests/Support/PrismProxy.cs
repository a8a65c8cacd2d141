using System.Diagnostics;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Support;

/// <summary>
/// Stoplight Prism as a validating proxy (<c>prism proxy</c>) in front of a running Api, with the Api's own
/// /openapi/v1.json: it forwards every request and reports where a request or a response breaks the document.
/// </summary>
public sealed class PrismProxy : IAsyncDisposable
{
    /// <summary>The header in which Prism lists a request's and its response's violations, as a JSON array.</summary>
    public const string ViolationsHeader = "sl-violations";

    private readonly CapturedProcess _process;
    private readonly string _directory;

    private PrismProxy(CapturedProcess process, string directory, Uri baseAddress)
    {
        _process = process;
        _directory = directory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>What Prism logged: each request, what it forwarded, each violation.</summary>
    public string Output => _process.Output;

    public static async Task<PrismProxy> StartAsync(string prism, Uri api)
    {
        var directory = Directory.CreateTempSubdirectory("marketplace-prism-").FullName;
        var document = Path.Combine(directory, "openapi.json");
        using (var http = new HttpClient { BaseAddress = api })
        {
            await File.WriteAllTextAsync(document, await http.GetStringAsync("/openapi/v1.json", Ct), Ct);
        }

        var port = CapturedProcess.FreeLoopbackPort();
        var start = new ProcessStartInfo(prism) { WorkingDirectory = directory };
        foreach (var argument in new[] { "proxy", document, api.ToString().TrimEnd('/'), "--host", "127.0.0.1", "--port", $"{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        var proxy = new PrismProxy(CapturedProcess.Start(start), directory, new Uri($"http://127.0.0.1:{port}"));
        await proxy.WaitUntilListeningAsync();
        return proxy;
    }

    /// <summary>The violations Prism reported for this exchange, or null when there were none.</summary>
    public static string? ViolationsOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues(ViolationsHeader, out var values) ? string.Join("", values) : null;

    private async Task WaitUntilListeningAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (!Output.Contains("Prism is listening", StringComparison.Ordinal))
        {
            Assert.False(_process.HasExited, $"Prism exited during start-up:\n{Output}");
            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(2), $"Prism did not listen within two minutes:\n{Output}");
            await Task.Delay(200, Ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
