using System.Diagnostics;

namespace Marketplace.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL server from the machine's binaries (initdb, pg_ctl) in a temporary folder on a free loopback
/// port, run as the postgres user when we are root (PostgreSQL refuses root). <see cref="PostgresServer"/> falls back to
/// one; a test that must stop and start a server (which would break every other test on the shared one) starts its own.
/// </summary>
public sealed class LocalPostgres : IDisposable
{
    private readonly string _directory;
    private readonly string? _runAs;
    private readonly string _settings;

    private LocalPostgres(string binDirectory, string directory, int port, string? runAs)
    {
        BinDirectory = binDirectory;
        _directory = directory;
        _runAs = runAs;
        Port = port;
        _settings = $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " +
                    "-c full_page_writes=off -c max_connections=400 -c shared_buffers=128MB";
        ConnectionString = $"Host=127.0.0.1;Port={port};Database=postgres;Username=postgres;Include Error Detail=true";
    }

    public string BinDirectory { get; }

    public int Port { get; }

    /// <summary>A superuser connection string for the <c>postgres</c> database.</summary>
    public string ConnectionString { get; }

    /// <summary>Where the server binaries are, or a sentence saying they are missing, for a test that needs them to skip with.</summary>
    public static string? MissingReason => FindBinDirectory() is null
        ? "PostgreSQL's server binaries (initdb, pg_ctl) are not on PATH nor under /usr/lib/postgresql/<version>/bin " +
          "(Debian: apt-get install postgresql), so no server of this test's own can be started."
        : null;

    /// <summary>Creates and starts a server, or null when the machine has no PostgreSQL binaries.</summary>
    public static async Task<LocalPostgres?> TryStartAsync()
    {
        var bin = FindBinDirectory();
        if (bin is null)
        {
            return null;
        }

        var runAs = Environment.UserName == "root" ? "postgres" : null;
        var directory = Directory.CreateTempSubdirectory("marketplace-pg-").FullName;
        if (runAs is not null)
        {
            await RunAsync("chown", [runAs, directory], null);
        }

        await RunAsync(Path.Combine(bin, "initdb"), ["-D", Path.Combine(directory, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C.UTF-8"], runAs);
        var server = new LocalPostgres(bin, directory, CapturedProcess.FreeLoopbackPort(), runAs);
        await server.StartAsync();
        return server;
    }

    /// <summary>Starts the server (again), waiting until it accepts connections.</summary>
    public Task StartAsync() =>
        PgCtlAsync("-o", _settings, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60", "start");

    /// <summary>
    /// Stops the server as an operator's restart does (<c>pg_ctl stop -m fast</c>): open sessions are terminated (57P01),
    /// connections arriving meanwhile are refused, and it returns once the server is down.
    /// </summary>
    public Task StopAsync() => PgCtlAsync("-m", "fast", "-w", "-t", "60", "stop");

    public void Dispose()
    {
        try
        {
            PgCtlAsync("-m", "immediate", "-w", "stop").GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Task PgCtlAsync(params string[] arguments) =>
        RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", Path.Combine(_directory, "data"), .. arguments], _runAs);

    private static string? FindBinDirectory()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        if (onPath is not null)
        {
            return onPath;
        }

        const string debianRoot = "/usr/lib/postgresql";
        return Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
    }

    private static async Task RunAsync(string program, string[] arguments, string? runAs)
    {
        var start = runAs is null
            ? new ProcessStartInfo(program)
            : new ProcessStartInfo("runuser", ["-u", runAs, "--", program]);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{program} {string.Join(' ', arguments)}' exited with {process.ExitCode}: {await stderr}{await stdout}");
        }
    }
}
