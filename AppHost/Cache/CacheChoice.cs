namespace Marketplace.AppHost.Cache;

/// <summary>
/// The Redis the AppHost settled on, and a sentence saying which and why for the log; or, when there is none,
/// <see cref="Resource"/> is null and <see cref="Summary"/> is the paragraph that tells the user what to provide.
/// </summary>
public sealed record CacheChoice(IResourceBuilder<IResourceWithConnectionString>? Resource, string Summary);
