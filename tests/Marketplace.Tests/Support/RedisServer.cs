using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Marketplace.Tests.Support;

/// <summary>
/// A real Redis for one test: Debian's redis-server (installed by .ci/run) on a free loopback port, with a password,
/// nothing written to disk, its own process so no test sees another's counters. <see cref="StopAsync"/> and
/// <see cref="StartAsync"/> take it away and bring it back on the same port, as an outage would.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const string Password = "test-redis-password";

    private readonly string _program;
    private CapturedProcess? _process;

    private RedisServer(string program, int port)
    {
        _program = program;
        Port = port;
    }

    public int Port { get; }

    /// <summary>As the AppHost hands it over (ConnectionStrings:cache).</summary>
    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)},password={Password}";

    /// <summary>The Api settings that give it this Redis, for <paramref name="replicas"/> replicas.</summary>
    public Dictionary<string, string?> Settings(int replicas = 2) => new()
    {
        ["ConnectionStrings:cache"] = ConnectionString,
        ["Replicas:Api"] = replicas.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Starts a new server; skips the test, saying what to install, when this machine has no redis-server.</summary>
    public static async Task<RedisServer> StartNewAsync()
    {
        var program = OpenApiTools.FindOnPath("redis-server");
        if (program is null)
        {
            Assert.Skip("redis-server is not installed: install it (apt-get install redis-server), as .ci/run does.");
        }

        var server = new RedisServer(program!, CapturedProcess.FreeLoopbackPort());
        await server.StartAsync();
        return server;
    }

    /// <summary>Starts the server (again) on its port and waits until it answers.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(_program);
        foreach (var argument in new[]
                 {
                     "--bind", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), "--requirepass", Password,
                     "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", Path.GetTempPath(), "--unixsocket", "",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        _process = CapturedProcess.Start(start);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port, TestContext.Current.CancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
        }

        throw new InvalidOperationException($"redis-server did not listen on {Port}:\n{_process.Output}");
    }

    /// <summary>Kills the server at once, as a crash or a lost network would take it away.</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
