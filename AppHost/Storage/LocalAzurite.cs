namespace Marketplace.AppHost.Storage;

/// <summary>
/// How this machine runs Azurite's blob service: the copy tools/azurite pins with its lock file (<c>npm ci --prefix
/// tools/azurite</c>), else npx fetching the same version from the npm registry once; both need Node.js.
/// </summary>
public sealed record LocalAzurite(string Command, IReadOnlyList<string> Arguments, string Description)
{
    /// <summary>Null when there is no Node.js, with why in <paramref name="whyNot"/>.</summary>
    public static LocalAzurite? Find(string appHostDirectory, out string whyNot)
    {
        whyNot = "";
        var node = OnPath("node");
        if (node is null)
        {
            whyNot = "Node.js is not installed (no `node` on PATH), so Azurite cannot run without a container";
            return null;
        }

        var pinned = Path.GetFullPath(Path.Combine(appHostDirectory, "..", "tools", "azurite", "node_modules", "azurite", "dist", "src", "blob", "main.js"));
        if (File.Exists(pinned))
        {
            return new LocalAzurite(node, [pinned], $"Azurite {AzuriteAccount.Version} from tools/azurite on Node.js");
        }

        var npx = OnPath("npx");
        if (npx is null)
        {
            whyNot = "tools/azurite is not installed (npm ci --prefix tools/azurite) and there is no `npx` on PATH to fetch Azurite";
            return null;
        }

        return new LocalAzurite(npx, ["--yes", "--package", $"azurite@{AzuriteAccount.Version}", "azurite-blob"],
            $"Azurite {AzuriteAccount.Version} through npx (run `npm ci --prefix tools/azurite` to pin its dependencies by the lock file)");
    }

    private static string? OnPath(string program)
    {
        var names = OperatingSystem.IsWindows() ? new[] { program + ".exe", program + ".cmd" } : [program];
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(folder => names.Select(name => Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists);
    }
}
