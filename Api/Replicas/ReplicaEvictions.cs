using Marketplace.Api.Auth;
using Marketplace.Api.Categories;

namespace Marketplace.Api.Replicas;

/// <summary>Subscribes this replica's caches to the others' changes before it serves a request.</summary>
public sealed class ReplicaEvictions(ReplicaMessages messages, SecurityStamps stamps, Sessions sessions, CategoryCatalog categories) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        messages.On(ReplicaMessages.SecurityStampsChannel, stamps.OnPublished);
        messages.On(ReplicaMessages.SessionsChannel, sessions.OnPublished);
        messages.On(ReplicaMessages.CategoriesChannel, _ => categories.Drop());
        messages.OnPossiblyMissed(stamps.ForgetAll);
        messages.OnPossiblyMissed(sessions.ForgetAll);
        messages.OnPossiblyMissed(categories.Drop);
        return messages.StartAsync();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
