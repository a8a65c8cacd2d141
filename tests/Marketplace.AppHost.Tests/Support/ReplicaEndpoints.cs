namespace Marketplace.AppHost.Tests.Support;

/// <summary>
/// Each replica's own address, behind the one endpoint Aspire's proxy serves: the URL the orchestrator gave that process
/// (its ASPNETCORE_URLS), so a test can send one request to one replica and the next to the other.
/// </summary>
public static class ReplicaEndpoints
{
    /// <summary>The own addresses of <paramref name="resource"/>'s running replicas, once <paramref name="count"/> of them run.</summary>
    public static async Task<IReadOnlyList<Uri>> OfAsync(DistributedApplication app, string resource, int count, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(AppHostTestRun.WaitTimeout);
        var running = new Dictionary<string, Uri>();
        await foreach (var update in app.ResourceNotifications.WatchAsync(bound.Token))
        {
            if (update.Resource.Name != resource)
            {
                continue;
            }

            var urls = update.Snapshot.EnvironmentVariables.FirstOrDefault(v => v.Name == "ASPNETCORE_URLS")?.Value;
            if (update.Snapshot.State?.Text == KnownResourceStates.Running && urls is not null)
            {
                running[update.ResourceId] = new Uri(urls.Split(';')[0]);
            }
            else
            {
                running.Remove(update.ResourceId);
            }

            if (running.Count == count)
            {
                return [.. running.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Value)];
            }
        }

        throw new InvalidOperationException($"{resource} never had {count} running replicas.");
    }
}
