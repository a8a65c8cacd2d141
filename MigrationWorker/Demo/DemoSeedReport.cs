using System.Globalization;
using System.Text;
using Marketplace.SchemaGuard;

namespace Marketplace.MigrationWorker.Demo;

/// <summary>What a seed-demo run did, told in a few lines (Markdown-safe: the dashboard shows them as its result).</summary>
public sealed record DemoSeedReport(
    Uri Api,
    int SellersCreated,
    int SubcategoriesAdded,
    int ListingsCreated,
    int PhotosUploaded,
    int MarkedSold,
    int ListingsSkipped,
    int Listings,
    TimeSpan Elapsed,
    DemoSellerAccounts.Account? SignIn)
{
    public bool AddedNothing => SellersCreated + SubcategoriesAdded + ListingsCreated + PhotosUploaded + MarkedSold == 0;

    public override string ToString()
    {
        var text = new StringBuilder();
        var sellers = DemoCatalog.Sellers.Count;
        if (AddedNothing)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"The demo marketplace is already loaded: {Plural.Of(sellers, "seller")} and {Plural.Of(Listings, "listing")}; nothing added.");
        }
        else
        {
            var added = new[] { (SellersCreated, "seller"), (SubcategoriesAdded, "subcategory"), (ListingsCreated, "listing"), (PhotosUploaded, "photo") }
                .Where(part => part.Item1 > 0).Select(part => Plural.Of(part.Item1, part.Item2)).ToList();
            var did = added.Count == 0 ? "" : "added " + (added.Count == 1 ? added[0] : string.Join(", ", added[..^1]) + " and " + added[^1]);
            if (MarkedSold > 0)
            {
                did += (did.Length > 0 ? ", and " : "") + $"marked {MarkedSold} sold";
            }

            text.AppendLine(CultureInfo.InvariantCulture,
                $"Loaded the demo marketplace through the Api at {Api} in {Elapsed.TotalSeconds:0} s: {did}; it now has {Plural.Of(sellers, "seller")} and {Plural.Of(Listings, "listing")}.");
        }

        if (ListingsSkipped > 0)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{Plural.Of(ListingsSkipped, "listing")} not loaded: their categories are deactivated.");
        }

        text.AppendLine();
        if (SignIn is { Password: { } password })
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Sign in as a demo seller with the email {SignIn.Seller.Email} and the password {password} (shown because --show-password was given; it is kept nowhere else).");
        }
        else
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"To sign in as a demo seller, choose Forgot password on the pages and give a demo address, such as {DemoCatalog.Sellers[0].Email}: " +
                $"the reset mail lands in the development mail inbox. The demo passwords are random and shown only with --show-password, on the run that sets them.");
        }

        return text.ToString();
    }
}
