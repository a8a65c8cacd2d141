using System.Diagnostics;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Marketplace.Tests.Api;

namespace Marketplace.Tests.Support;

/// <summary>
/// A real Azurite blob service for the test run: started on first use from tools/azurite (pinned by its lock file;
/// installed with npm ci when missing), in memory, on a free loopback port, and killed when the run ends. Each test
/// app gets a container of its own (<see cref="Settings"/>), so tests never see each other's blobs.
/// </summary>
public sealed partial class AzuriteServer
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly SemaphoreSlim Starting = new(1, 1);
    private static AzuriteServer? _shared;

    private readonly CapturedProcess _process;

    private AzuriteServer(CapturedProcess process, int port)
    {
        _process = process;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    public static string Folder => Path.Combine(ApiProcess.RepositoryRoot(), "tools", "azurite");

    /// <summary>The run's Azurite, started on first use.</summary>
    public static async Task<AzuriteServer> SharedAsync()
    {
        await Starting.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            return _shared ??= await StartAsync();
        }
        finally
        {
            Starting.Release();
        }
    }

    /// <summary>A container name no other test uses.</summary>
    public static string NewContainerName() => "test-" + Guid.NewGuid().ToString("N");

    /// <summary>The Api settings that point it at this Azurite and at <paramref name="container"/>.</summary>
    public Dictionary<string, string?> Settings(string container) => new()
    {
        ["ConnectionStrings:blobs"] = ConnectionString,
        ["Images:Container"] = container,
    };

    /// <summary>The same as environment variables, for an Api started as a process.</summary>
    public Dictionary<string, string?> Environment(string container) =>
        Settings(container).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);

    public BlobContainerClient Container(string name) => new BlobServiceClient(ConnectionString).GetBlobContainerClient(name);

    /// <summary>Every blob name in the container (none when it was never created).</summary>
    public async Task<List<string>> BlobNamesAsync(string container)
    {
        var client = Container(container);
        var names = new List<string>();
        if (!await client.ExistsAsync(TestContext.Current.CancellationToken))
        {
            return names;
        }

        await foreach (var blob in client.GetBlobsAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private static async Task<AzuriteServer> StartAsync()
    {
        var main = Path.Combine(Folder, "node_modules", "azurite", "dist", "src", "blob", "main.js");
        if (!File.Exists(main))
        {
            var npm = OpenApiTools.FindOnPath("npm");
            if (npm is null || OpenApiTools.FindOnPath("node") is null)
            {
                Assert.Skip("Node.js and npm are not installed, so Azurite cannot run: install them (apt-get install nodejs npm) " +
                            "and run 'npm ci --prefix tools/azurite', as .ci/run does.");
            }

            var npmCi = await OpenApiTools.RunAsync(npm!, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], Folder, TimeSpan.FromMinutes(10));
            Assert.True(npmCi.ExitCode == 0, $"'npm ci' in {Folder} failed with {npmCi.ExitCode}:\n{npmCi.Output}{npmCi.Error}");
        }

        var start = new ProcessStartInfo(OpenApiTools.FindOnPath("node")!) { WorkingDirectory = Folder };
        foreach (var argument in new[]
                 {
                     main, "--blobHost", "127.0.0.1", "--blobPort", "0", "--inMemoryPersistence", "--skipApiVersionCheck", "--loose",
                     "--disableProductStyleUrl", "--disableTelemetry", "--silent",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = CapturedProcess.Start(start);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (Listening().Match(process.Output) is { Success: true } match)
            {
                var server = new AzuriteServer(process, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
                AppDomain.CurrentDomain.ProcessExit += (_, _) => process.DisposeAsync().AsTask().GetAwaiter().GetResult();
                return server;
            }

            if (process.HasExited)
            {
                break;
            }

            await Task.Delay(100);
        }

        var output = process.Output;
        await process.DisposeAsync();
        throw new InvalidOperationException($"Azurite did not start listening:\n{output}");
    }

    [GeneratedRegex(@"listens on http://127\.0\.0\.1:(\d+)")]
    private static partial Regex Listening();
}
