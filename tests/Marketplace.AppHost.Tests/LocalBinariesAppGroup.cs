using Marketplace.AppHost.Tests.Browser;

namespace Marketplace.AppHost.Tests;

/// <summary>
/// The tests that share one start of <see cref="LocalBinariesApp"/> (about a minute each start), and the one browser
/// the browser tests drive it with (launched only when a browser test asks for it).
/// </summary>
[CollectionDefinition(Name)]
public sealed class LocalBinariesAppGroup : ICollectionFixture<LocalBinariesApp>, ICollectionFixture<ChromiumBrowser>
{
    public const string Name = "The local-binaries app";
}
