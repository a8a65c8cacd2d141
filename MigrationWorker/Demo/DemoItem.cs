namespace Marketplace.MigrationWorker.Demo;

/// <summary>Something a demo seller sells: its title, a typical price in the marketplace's currency, and what its photos show.</summary>
public sealed record DemoItem(string Title, decimal Price, DemoPhotoSubject Subject);
