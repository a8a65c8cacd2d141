using System.Diagnostics;

namespace Marketplace.AppHost.Database;

/// <summary>
/// Who runs the local server. PostgreSQL refuses to run as root, so an AppHost running as root runs it as the
/// <c>postgres</c> account (which Debian's and most distributions' packages create), on a folder that account owns.
/// </summary>
public sealed record PostgresServerUser(string? SwitchTo, string Home)
{
    public const string ServiceAccount = "postgres";

    public bool IsSwitched => SwitchTo is not null;

    /// <summary>The current user, or the postgres account when this process is root; null with why when that account is missing.</summary>
    public static PostgresServerUser? Current(out string? whyNot)
    {
        whyNot = null;
        if (!Environment.IsPrivilegedProcess || OperatingSystem.IsWindows())
        {
            return new PostgresServerUser(null, Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData));
        }

        var entry = File.Exists("/etc/passwd")
            ? File.ReadLines("/etc/passwd").Select(line => line.Split(':')).FirstOrDefault(fields => fields.Length >= 6 && fields[0] == ServiceAccount)
            : null;
        if (entry is null)
        {
            whyNot = $"this AppHost runs as root, which PostgreSQL refuses, and there is no '{ServiceAccount}' account to run it as " +
                     "(the distribution's postgresql package creates one)";
            return null;
        }

        return new PostgresServerUser(ServiceAccount, entry[5]);
    }

    /// <summary>
    /// The command line that runs <paramref name="program"/> as this user for a long-running process: setpriv replaces
    /// itself with the program, so the orchestrator's signals reach PostgreSQL itself (runuser would stay in between and
    /// kill it two seconds after a stop request, which costs crash recovery on the next start).
    /// </summary>
    public (string Command, IReadOnlyList<string> Arguments) ForServer(string program, IReadOnlyList<string> arguments) =>
        SwitchTo is null
            ? (program, arguments)
            : ("setpriv", [$"--reuid={SwitchTo}", $"--regid={SwitchTo}", "--init-groups", "--", program, .. arguments]);

    /// <summary>Runs a short command as this user; returns its exit code and its output and error text.</summary>
    public (int ExitCode, string Output) Run(string program, IReadOnlyList<string> arguments, string? input = null, TimeSpan? timeout = null)
    {
        var startInfo = SwitchTo is null ? new ProcessStartInfo(program) : new ProcessStartInfo("runuser") { ArgumentList = { "-u", SwitchTo, "--", program } };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.RedirectStandardInput = input is not null;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.UseShellExecute = false;

        // Under root, runuser starts the program in this process's folder, which postgres may not be allowed to enter.
        startInfo.WorkingDirectory = Path.GetTempPath();

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {program}.");
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{Path.GetFileName(program)} did not finish within {(timeout ?? TimeSpan.FromMinutes(2)).TotalSeconds:0} s");
        }

        return (process.ExitCode, (output.Result + error.Result).Trim());
    }
}
