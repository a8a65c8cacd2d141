namespace Marketplace.MigrationWorker.Demo;

/// <summary>
/// One listing of the demo as planned: the same on every run (the plan is drawn from a fixed seed), so a second run
/// finds what the first one made by its seller and title.
/// </summary>
/// <param name="Age">How long before the run it was listed, so the newest-first pages read like weeks of activity.</param>
/// <param name="SoldAfter">For a sold listing, how long after it was listed it sold.</param>
public sealed record DemoListing(
    DemoSeller Seller,
    DemoSubcategory Category,
    string Title,
    string Description,
    decimal Price,
    bool Sold,
    IReadOnlyList<DemoPhoto> Photos,
    TimeSpan Age,
    TimeSpan SoldAfter);
