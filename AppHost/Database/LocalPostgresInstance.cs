using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Marketplace.AppHost.Database;

/// <summary>
/// A PostgreSQL cluster on this machine for the AppHost: its folder (data that survives restarts, and the password
/// the AppHost made for it), the binaries that run it, the account that owns it, and the port it listens on.
/// </summary>
public sealed class LocalPostgresInstance
{
    public const string SuperUser = "postgres";

    private LocalPostgresInstance(PostgresBinaries binaries, PostgresServerUser user, string folder, int port, string password)
    {
        Binaries = binaries;
        User = user;
        Folder = folder;
        Port = port;
        Password = password;
    }

    public PostgresBinaries Binaries { get; }

    public PostgresServerUser User { get; }

    /// <summary>Holds <c>data/</c> (the cluster) and <c>password</c>; owned by the server's account.</summary>
    public string Folder { get; }

    public string DataDirectory => Path.Combine(Folder, "data");

    public int Port { get; }

    public string Password { get; }

    /// <summary>What the log and the dashboard say about this server.</summary>
    public string Description =>
        $"PostgreSQL {Binaries.MajorVersion} from {Binaries.Directory}{(User.IsSwitched ? $" as '{User.SwitchTo}'" : "")}, data in {DataDirectory}, on 127.0.0.1:{Port}";

    /// <summary>
    /// Finds the binaries and makes the cluster if it does not exist yet (initdb, once); stops a server that an earlier
    /// run left behind. Returns null, with a sentence saying why, when this machine cannot run one.
    /// </summary>
    public static LocalPostgresInstance? Prepare(DatabaseOptions options, string appHostKey, out string whyNot, out string? note)
    {
        note = null;
        var binaries = PostgresBinaries.Find(options.PostgresBinDirectory, out var searched);
        if (binaries is null)
        {
            whyNot = options.PostgresBinDirectory is null
                ? $"no PostgreSQL server binaries (initdb, pg_ctl, postgres) were found in {searched}"
                : $"{searched} does not hold PostgreSQL's initdb, pg_ctl and postgres";
            return null;
        }

        var user = PostgresServerUser.Current(out var noUser);
        if (user is null)
        {
            whyNot = noUser!;
            return null;
        }

        // Per AppHost folder and major version: two clones keep their own databases, and a new major version (whose
        // data format differs) starts a new cluster rather than failing on the old one.
        var folder = options.DataDirectory is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(user.Home, "marketplace-apphost", appHostKey, $"postgres-{binaries.MajorVersion}");

        var created = user.Run("mkdir", ["-p", folder]);
        if (created.ExitCode != 0)
        {
            whyNot = $"the folder {folder} cannot be created{(user.IsSwitched ? $" by the '{user.SwitchTo}' account" : "")} ({created.Output}); " +
                     $"name one it can own in {DatabaseOptions.SectionName}:{nameof(DatabaseOptions.DataDirectory)}";
            return null;
        }

        var passwordFile = Path.Combine(folder, "password");
        if (!File.Exists(passwordFile))
        {
            // Letters and digits only, so it needs no quoting in a connection string.
            var password = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 32);
            var written = user.Run("sh", ["-c", "umask 077 && cat > \"$1\"", "sh", passwordFile], input: password);
            if (written.ExitCode != 0)
            {
                whyNot = $"the password file {passwordFile} cannot be written ({written.Output})";
                return null;
            }
        }

        var instance = new LocalPostgresInstance(binaries, user, folder, options.Port ?? FreePort(), File.ReadAllText(passwordFile).Trim());
        if (!File.Exists(Path.Combine(instance.DataDirectory, "PG_VERSION")))
        {
            var initdb = user.Run(binaries.Program("initdb"),
            [
                "-D", instance.DataDirectory, "-U", SuperUser, $"--pwfile={passwordFile}", "--auth-host=scram-sha-256", "--auth-local=peer",
                "-E", "UTF8", OperatingSystem.IsLinux() ? "--locale=C.UTF-8" : "--no-locale",
            ]);
            if (initdb.ExitCode != 0)
            {
                whyNot = $"initdb could not create a cluster in {instance.DataDirectory}: {LastLine(initdb.Output)}";
                return null;
            }

            note = $"Created a PostgreSQL {binaries.MajorVersion} cluster in {instance.DataDirectory}.";
        }
        else if (instance.IsRunning())
        {
            // A server an earlier run could not stop (the AppHost was killed) holds the folder's lock file.
            instance.Stop();
            note = $"Stopped a PostgreSQL server that an earlier run left running on {instance.DataDirectory}.";
        }

        whyNot = "";
        return instance;
    }

    /// <summary>The arguments that run the server in the foreground, for the orchestrator to own.</summary>
    public IReadOnlyList<string> ServerArguments() =>
    [
        "-D", DataDirectory,
        "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // Loopback only, and no Unix socket: its default folder may belong to a packaged server or not exist.
        "-c", "listen_addresses=127.0.0.1",
        "-c", "unix_socket_directories=",
    ];

    public bool IsRunning() => User.Run(Binaries.Program("pg_ctl"), ["status", "-D", DataDirectory]).ExitCode == 0;

    /// <summary>
    /// A fast shutdown: clients are disconnected, the data is checkpointed, and the next start needs no crash recovery.
    /// Waits until the server has exited.
    /// </summary>
    public (int ExitCode, string Output) Stop() =>
        User.Run(Binaries.Program("pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30"], timeout: TimeSpan.FromSeconds(40));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no message";
}
