namespace Marketplace.MigrationWorker.Demo;

/// <summary>A demo seller's account: an address under <see cref="DemoCatalog.EmailDomain"/> and a display name.</summary>
public sealed record DemoSeller(string Email, string DisplayName);
