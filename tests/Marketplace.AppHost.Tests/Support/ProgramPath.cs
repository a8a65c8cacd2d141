namespace Marketplace.AppHost.Tests.Support;

/// <summary>Where a program is on this machine's PATH, as a shell would find it.</summary>
public static class ProgramPath
{
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
