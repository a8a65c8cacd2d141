namespace Marketplace.AppHost.Tests.Support;

/// <summary>Every state each resource went through, in the order the AppHost published them.</summary>
public sealed class ResourceStateLog
{
    private readonly List<(string Resource, string? State, int? ExitCode)> _entries = [];

    public static ResourceStateLog Record(DistributedApplication app, CancellationToken cancellationToken)
    {
        var log = new ResourceStateLog();
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var update in app.ResourceNotifications.WatchAsync(cancellationToken))
                {
                    lock (log._entries)
                    {
                        log._entries.Add((update.Resource.Name, update.Snapshot.State?.Text, update.Snapshot.ExitCode));
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The app is being disposed.
            }
        }, CancellationToken.None);
        return log;
    }

    public IReadOnlyList<(string Resource, string? State, int? ExitCode)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>What <paramref name="other"/>'s state was when <paramref name="resource"/> first entered <paramref name="state"/>; null if it never did.</summary>
    public string? StateOfWhenFirst(string other, string resource, string state)
    {
        string? otherState = null;
        foreach (var entry in Entries)
        {
            if (entry.Resource == resource && entry.State == state)
            {
                return otherState ?? "(not yet published)";
            }

            if (entry.Resource == other)
            {
                otherState = entry.State;
            }
        }

        return null;
    }
}
