using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Marketplace.AppHost.Cache;

/// <summary>
/// Redis on this machine for the AppHost: the redis-server program, its folder (the data that survives restarts, the
/// password the AppHost made for it, the configuration it writes at each start), and the port it listens on.
/// </summary>
public sealed class LocalRedisServer
{
    private LocalRedisServer(string program, string folder, int port, string password)
    {
        Program = program;
        Folder = folder;
        Port = port;
        Password = password;
    }

    public string Program { get; }

    /// <summary>Holds the append-only file and the snapshot, <c>password</c> and <c>redis.conf</c>.</summary>
    public string Folder { get; }

    public int Port { get; }

    public string Password { get; }

    public string ConfigFile => Path.Combine(Folder, "redis.conf");

    private string PidFile => Path.Combine(Folder, "redis.pid");

    /// <summary>What the log and the dashboard say about this server.</summary>
    public string Description => $"redis-server from {Program}, data in {Folder}, on 127.0.0.1:{Port}";

    /// <summary>
    /// Finds redis-server, makes its folder and password once, writes its configuration, and stops a server that an
    /// earlier run left behind. Returns null, with a sentence saying why, when this machine cannot run one.
    /// </summary>
    public static LocalRedisServer? Prepare(CacheOptions options, string appHostKey, out string whyNot, out string? note)
    {
        note = null;
        var program = Find(options.ServerPath, out var searched);
        if (program is null)
        {
            whyNot = options.ServerPath is null
                ? $"no redis-server was found in {searched}"
                : $"{searched} is not the redis-server program";
            return null;
        }

        var folder = options.DataDirectory is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "marketplace-apphost", appHostKey, "redis");
        try
        {
            Directory.CreateDirectory(folder);
            var passwordFile = Path.Combine(folder, "password");
            if (!File.Exists(passwordFile))
            {
                // Letters and digits only, so it needs no quoting in a connection string or in redis.conf.
                File.WriteAllText(passwordFile, RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 32));
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
            }

            var server = new LocalRedisServer(program, folder, options.Port ?? FreePort(), File.ReadAllText(passwordFile).Trim());
            if (server.StopLeftOver())
            {
                note = $"Stopped a redis-server that an earlier run left running on {folder}.";
            }

            server.WriteConfig();
            whyNot = "";
            return server;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            whyNot = $"the folder {folder} cannot be prepared ({e.Message}); name one this user can write in {CacheOptions.SectionName}:{nameof(CacheOptions.DataDirectory)}";
            return null;
        }
    }

    /// <summary>
    /// Loopback only, no Unix socket, a password; every write in the append-only file (fsync once a second), so
    /// rate-limit windows survive a restart of the AppHost. The log goes to standard output, the dashboard's console.
    /// </summary>
    private void WriteConfig()
    {
        var port = Port.ToString(CultureInfo.InvariantCulture);
        File.WriteAllLines(ConfigFile,
        [
            "# Written by the Marketplace AppHost at each start; changes are overwritten.",
            "bind 127.0.0.1",
            $"port {port}",
            "unixsocket \"\"",
            "protected-mode yes",
            "daemonize no",
            "logfile \"\"",
            $"dir \"{Folder}\"",
            $"pidfile \"{PidFile}\"",
            "appendonly yes",
            "appendfsync everysec",
            $"requirepass {Password}",
        ]);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(ConfigFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>A server whose pid file an earlier run left, still running redis-server, is asked to stop (SIGTERM).</summary>
    private bool StopLeftOver()
    {
        if (!File.Exists(PidFile) || !int.TryParse(File.ReadAllText(PidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            if (!process.ProcessName.StartsWith("redis-server", StringComparison.Ordinal))
            {
                return false;
            }

            using var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
            term?.WaitForExit(TimeSpan.FromSeconds(5));
            return process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (ArgumentException)
        {
            // No such process: the pid file is stale.
            return false;
        }
    }

    /// <summary>The configured program, else the first redis-server on PATH, in /usr/bin or in Homebrew's prefixes.</summary>
    private static string? Find(string? configured, out string searched)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            searched = $"{CacheOptions.SectionName}:{nameof(CacheOptions.ServerPath)} = {configured}";
            return File.Exists(configured) ? Path.GetFullPath(configured) : null;
        }

        searched = "PATH, /usr/bin, /usr/local/bin and /opt/homebrew/bin";
        var name = OperatingSystem.IsWindows() ? "redis-server.exe" : "redis-server";
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"])
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
