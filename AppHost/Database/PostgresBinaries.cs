using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Marketplace.AppHost.Database;

/// <summary>A folder with PostgreSQL's server programs (initdb, pg_ctl, postgres) and their major version.</summary>
public sealed partial record PostgresBinaries(string Directory, int MajorVersion)
{
    private static readonly string[] Programs = ["initdb", "pg_ctl", "postgres"];

    public string Program(string name) => Path.Combine(Directory, name);

    /// <summary>
    /// The configured folder, else the newest found on PATH, under /usr/lib/postgresql/&lt;v&gt;/bin (Debian, Ubuntu),
    /// /usr/pgsql-&lt;v&gt;/bin (RHEL) or Homebrew's prefixes; null with what was searched when none has all three.
    /// </summary>
    public static PostgresBinaries? Find(string? configuredDirectory, out string searched)
    {
        if (!string.IsNullOrWhiteSpace(configuredDirectory))
        {
            searched = $"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.PostgresBinDirectory)} = {configuredDirectory}";
            return HasAll(configuredDirectory) ? Describe(configuredDirectory) : null;
        }

        var candidates = new List<string>();
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        candidates.AddRange(NewestFirst("/usr/lib/postgresql", version => Path.Combine("/usr/lib/postgresql", version, "bin")));
        candidates.AddRange(NewestFirst("/usr", version => $"/usr/pgsql-{version}/bin", prefix: "pgsql-"));
        foreach (var homebrew in new[] { "/opt/homebrew", "/usr/local", "/home/linuxbrew/.linuxbrew" })
        {
            candidates.AddRange(NewestFirst(Path.Combine(homebrew, "opt"), version => Path.Combine(homebrew, "opt", $"postgresql@{version}", "bin"), prefix: "postgresql@"));
            candidates.Add(Path.Combine(homebrew, "opt", "postgresql", "bin"));
        }

        searched = "PATH, /usr/lib/postgresql/<version>/bin, /usr/pgsql-<version>/bin and Homebrew's opt/postgresql@<version>/bin";
        var found = candidates.FirstOrDefault(HasAll);
        return found is null ? null : Describe(found);
    }

    private static bool HasAll(string directory) => Programs.All(program => File.Exists(Path.Combine(directory, program)));

    /// <summary>Folders named by a version under <paramref name="parent"/>, newest version first.</summary>
    private static IEnumerable<string> NewestFirst(string parent, Func<string, string> binOf, string prefix = "")
    {
        if (!System.IO.Directory.Exists(parent))
        {
            return [];
        }

        return System.IO.Directory.EnumerateDirectories(parent, prefix + "*")
            .Select(path => Path.GetFileName(path)[prefix.Length..])
            .Where(version => decimal.TryParse(version, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            .OrderByDescending(version => decimal.Parse(version, CultureInfo.InvariantCulture))
            .Select(binOf);
    }

    private static PostgresBinaries? Describe(string found)
    {
        // A folder of links (/usr/local/bin -> /usr/lib/postgresql/15/bin) stands for the folder with all the programs.
        var pgCtl = Path.Combine(found, "pg_ctl");
        var directory = Path.GetDirectoryName(File.ResolveLinkTarget(pgCtl, returnFinalTarget: true)?.FullName ?? pgCtl)!;
        if (!HasAll(directory))
        {
            directory = found;
        }

        var startInfo = new ProcessStartInfo(Path.Combine(directory, "pg_ctl"), "--version") { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(startInfo);
        var output = process?.StandardOutput.ReadToEnd() ?? "";
        process?.WaitForExit();
        var match = VersionPattern().Match(output);
        return match.Success ? new PostgresBinaries(directory, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)) : null;
    }

    // "pg_ctl (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)"; before 10 the major version had two parts, which we do not support.
    [GeneratedRegex(@"\(PostgreSQL\) (\d+)")]
    private static partial Regex VersionPattern();
}
