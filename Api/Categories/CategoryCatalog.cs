using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using Marketplace.Api.Replicas;
using Marketplace.Contracts.Categories;
using Marketplace.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Categories;

/// <summary>Settings under <c>Categories</c>.</summary>
public sealed class CategoryCacheOptions
{
    public const string SectionName = "Categories";

    /// <summary>How long the category tree is served from memory before it is read again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Categories:CacheDuration must be between {1} and {2}.")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// The category table, held in memory as one immutable <see cref="CategoryTree"/>. Every request that needs categories
/// (browsing, search filters, creating a listing) reads the same snapshot, so they agree with each other. How it stays
/// correct after a change: the snapshot is read again once it is older than <c>Categories:CacheDuration</c>; a slug the
/// snapshot does not know makes it read again at once (at most once a second), so a category an admin just added is
/// usable immediately. The admin endpoints drop the snapshot after each change (<see cref="Invalidate"/>), which every
/// replica hears through Redis and serves at once; one that missed the message, within <c>Categories:CacheDuration</c>.
/// </summary>
public sealed partial class CategoryCatalog(
    IServiceScopeFactory scopeFactory,
    IOptions<CategoryCacheOptions> options,
    TimeProvider timeProvider,
    ReplicaMessages messages,
    ILogger<CategoryCatalog> logger)
{
    /// <summary>A miss re-reads the table at most this often, so unknown slugs cannot turn into a query each.</summary>
    public static readonly TimeSpan MissRefreshInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private Snapshot? _snapshot;
    private Load? _loading;
    private long _generation;

    /// <summary>After a committed change to the table: every replica forgets its snapshot (<see cref="Drop"/>).</summary>
    public void Invalidate()
    {
        Drop();
        messages.Publish(ReplicaMessages.CategoriesChannel, "changed");
    }

    /// <summary>
    /// Forgets this replica's snapshot: the next request reads the table again, and a read that was already running (it
    /// may have missed the change) is neither shared nor kept.
    /// </summary>
    public void Drop()
    {
        lock (_gate)
        {
            _generation++;
            _loading = null;
            Volatile.Write(ref _snapshot, null);
        }
    }

    public async ValueTask<CategoryTree> GetAsync(CancellationToken cancellationToken) =>
        (await GetSnapshotAsync(options.Value.CacheDuration, cancellationToken)).Tree;

    /// <summary>The visible category with this slug, re-reading the table first if the snapshot does not know it.</summary>
    public async ValueTask<(CategoryTree Tree, CategoryResponse? Category)> FindAsync(string slug, CancellationToken cancellationToken)
    {
        var tree = await GetAsync(cancellationToken);
        if (tree.FindVisible(slug) is { } category)
        {
            return (tree, category);
        }

        tree = (await GetSnapshotAsync(MissRefreshInterval, cancellationToken)).Tree;
        return (tree, tree.FindVisible(slug));
    }

    /// <summary>
    /// A snapshot read no longer than <paramref name="maxAge"/> ago. A read already running that started within that
    /// age is shared: its callers get its table, or its failure, together. (Taking turns instead made each of them try,
    /// and fail, in turn while the database was away, so the last one waited for all the others.) A read is not
    /// cancelled with the request that started it.
    /// </summary>
    private async ValueTask<Snapshot> GetSnapshotAsync(TimeSpan maxAge, CancellationToken cancellationToken)
    {
        if (Fresh(Volatile.Read(ref _snapshot), maxAge) is { } cached)
        {
            return cached;
        }

        Task<Snapshot> loading;
        lock (_gate)
        {
            if (Fresh(_snapshot, maxAge) is { } loadedMeanwhile)
            {
                return loadedMeanwhile;
            }

            if (_loading is not { } running || timeProvider.GetUtcNow() - running.StartedAt >= maxAge)
            {
                var startedAt = timeProvider.GetUtcNow();
                var generation = _generation;
                running = _loading = new Load(Task.Run(() => LoadSnapshotAsync(startedAt, generation)), startedAt);
            }

            loading = running.Task;
        }

        return await loading.WaitAsync(cancellationToken);
    }

    private async Task<Snapshot> LoadSnapshotAsync(DateTimeOffset startedAt, long generation)
    {
        try
        {
            var snapshot = new Snapshot(await LoadAsync(CancellationToken.None), startedAt);
            lock (_gate)
            {
                // Reads may overlap (a short maxAge starts a new one beside a running one); the one that started last wins.
                if (generation == _generation && (_snapshot is null || _snapshot.LoadedAt <= startedAt))
                {
                    Volatile.Write(ref _snapshot, snapshot);
                }
            }

            return snapshot;
        }
        finally
        {
            lock (_gate)
            {
                if (generation == _generation && _loading?.StartedAt == startedAt)
                {
                    _loading = null;
                }
            }
        }
    }

    private Snapshot? Fresh(Snapshot? snapshot, TimeSpan maxAge) =>
        snapshot is not null && timeProvider.GetUtcNow() - snapshot.LoadedAt < maxAge ? snapshot : null;

    private async Task<CategoryTree> LoadAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var rows = await db.Categories
            .AsNoTracking()
            .Select(c => new CategoryRow(c.Id, c.Name, c.Slug, c.Description, c.ParentId, c.SortOrder, c.IsActive))
            .ToListAsync(cancellationToken);
        var tree = CategoryTree.Build(rows);
        LogLoaded(logger, rows.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return tree;
    }

    /// <summary>The table as a read that started at <paramref name="LoadedAt"/> found it.</summary>
    private sealed record Snapshot(CategoryTree Tree, DateTimeOffset LoadedAt);

    private sealed record Load(Task<Snapshot> Task, DateTimeOffset StartedAt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Loaded {Count} categories in {ElapsedMs:0.0} ms")]
    private static partial void LogLoaded(ILogger logger, int count, double elapsedMs);
}

public static class CategoryCatalogRegistration
{
    public static IHostApplicationBuilder AddCategoryCatalog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CategoryCacheOptions>()
            .BindConfiguration(CategoryCacheOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<CategoryCatalog>();
        return builder;
    }
}
