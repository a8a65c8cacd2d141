namespace Marketplace.AppHost.Tests.Support;

/// <summary>
/// Each replica's own address, behind the one endpoint Aspire's proxy serves: the URL the orchestrator gave that process
/// (its ASPNETCORE_URLS), so a test can send one request to one replica and the next to the other.
/// </summary>
public static class ReplicaEndpoints
{
    /// <summary>
    /// The own addresses of <paramref name="resource"/>'s running replicas, once <paramref name="count"/> of them run and
    /// each answers HTTP (the orchestrator says Running when it started the process, before the process listens).
    /// </summary>
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
                var addresses = running.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Value).ToList();
                foreach (var address in addresses)
                {
                    await ListeningAsync(address, bound.Token);
                }

                return addresses;
            }
        }

        throw new InvalidOperationException($"{resource} never had {count} running replicas.");
    }

    private static async Task ListeningAsync(Uri address, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = address };
        while (true)
        {
            try
            {
                // Any answer will do (a replica not ready yet says 503): the process is listening.
                using var alive = await client.GetAsync(new Uri("/alive", UriKind.Relative), cancellationToken);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }
}
