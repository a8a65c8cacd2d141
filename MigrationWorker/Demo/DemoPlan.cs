using System.Globalization;
using System.Text;

namespace Marketplace.MigrationWorker.Demo;

/// <summary>
/// The demo marketplace as planned: every catalog item as a listing, each seller with a run of neighbouring items (so
/// that sellers have a trade, as real ones do), prices around the typical ones, descriptions of varied length, about
/// one in eight sold, most with one to three photos. Drawn from a fixed seed: every run plans the same.
/// </summary>
public static class DemoPlan
{
    /// <summary>How many listings each seller has: 6 to 13, so that each seller's writes fit the Api's 30 per minute.</summary>
    private static readonly int[] ListingsPerSeller = [13, 13, 12, 12, 12, 11, 11, 11, 10, 10, 10, 10, 9, 9, 9, 8, 8, 8, 7, 7];

    // Colours things come in: navy, brick, sage, plum, mustard, charcoal, oatmeal, walnut, teal, coral, forest, sand.
    private static readonly uint[] Colours =
    [
        0x2F4B7C, 0xB5473A, 0x7FA07A, 0x6D4C7D, 0xD1A23A, 0x3A3F44, 0xD9CFBF, 0x7B5235, 0x2A7F86, 0xE07A5F, 0x3D6B45, 0xC8B28E,
    ];

    // Mostly landscape, as phones take them, some upright and square: the pages must keep every one's proportions. Big
    // enough to look sharp at the size a listing's page shows a photo; no bigger, as the worker draws every one and
    // the Api decodes and encodes every one.
    private static readonly (int Width, int Height)[] Frames = [(960, 720), (960, 720), (960, 720), (960, 720), (720, 960), (840, 840)];

    public static IReadOnlyList<DemoListing> Listings { get; } = Create();

    private static List<DemoListing> Create()
    {
        if (ListingsPerSeller.Length != DemoCatalog.Sellers.Count)
        {
            throw new InvalidOperationException("Every demo seller needs a listing count.");
        }

        var random = new Random(19);
        var items = DemoCatalog.Subcategories.SelectMany(category => category.Items.Select(item => (Category: category, Item: item))).ToList();
        var listings = new List<DemoListing>(items.Count);
        var next = 0;
        for (var s = 0; s < DemoCatalog.Sellers.Count; s++)
        {
            for (var i = 0; i < ListingsPerSeller[s] && next < items.Count; i++, next++)
            {
                var (category, item) = items[next];
                listings.Add(Plan(random, listings.Count, DemoCatalog.Sellers[s], category, item));
            }
        }

        if (next != items.Count)
        {
            throw new InvalidOperationException("The listing counts per seller must add up to the catalog's items.");
        }

        return listings;
    }

    private static DemoListing Plan(Random random, int number, DemoSeller seller, DemoSubcategory category, DemoItem item)
    {
        var free = item.Price == 0;
        var sold = !free && random.NextDouble() < 0.12;
        var photoCount = number % 25 == 7 ? 0 : 1 + (random.NextDouble() < 0.45 ? 1 : 0) + (random.NextDouble() < 0.15 ? 1 : 0);
        var colour = Rgb.Hex(Colours[random.Next(Colours.Length)]);
        var accent = Rgb.Hex(Colours[random.Next(Colours.Length)]);
        var (width, height) = Frames[random.Next(Frames.Length)];
        var backdrop = random.Next(5);
        var photos = Enumerable.Range(0, photoCount)
            .Select(view => new DemoPhoto(item.Subject, width, height, colour, accent, backdrop + (view == 2 ? 1 : 0), view, (number * 10) + view))
            .ToList();

        // Mostly recent, a long tail back to six weeks: a marketplace people use every day.
        var age = TimeSpan.FromHours(Math.Pow(random.NextDouble(), 2) * 42 * 24) + TimeSpan.FromMinutes(random.Next(1, 60));
        var soldAfter = age * (0.2 + (random.NextDouble() * 0.7));
        return new DemoListing(seller, category, item.Title, Describe(random, number, category, item), PriceOf(random, item.Price), sold, photos, age, soldAfter);
    }

    /// <summary>A price near the typical one, rounded the way people round prices; free stays free.</summary>
    private static decimal PriceOf(Random random, decimal typical)
    {
        if (typical == 0)
        {
            return 0;
        }

        var price = typical * (decimal)(0.85 + (random.NextDouble() * 0.3));
        var step = price switch
        {
            < 20 => 1m,
            < 200 => 5m,
            < 2000 => 10m,
            _ => 100m,
        };
        var rounded = Math.Max(step, Math.Round(price / step) * step);
        // Some sellers price just under a round ten: 69 rather than 70, 799 rather than 800.
        return rounded >= 20 && rounded % 10 == 0 && random.NextDouble() < 0.25 ? rounded - 1 : rounded;
    }

    /// <summary>From one line to several paragraphs: an opening, what sellers say about such things, the condition, why, how to collect.</summary>
    private static string Describe(Random random, int number, DemoSubcategory category, DemoItem item)
    {
        var opening = item.Price == 0 ? DemoCatalog.Openings[^1] : DemoCatalog.Openings[random.Next(DemoCatalog.Openings.Count - 1)];
        var text = new StringBuilder(string.Format(CultureInfo.InvariantCulture, opening, opening.StartsWith('{') ? item.Title : InSentence(item.Title)));
        var length = random.Next(5);
        if (length == 0)
        {
            return text.ToString();
        }

        text.Append(' ').Append(category.Remarks[random.Next(category.Remarks.Count)]);
        text.Append(' ').Append(DemoCatalog.Conditions[random.Next(DemoCatalog.Conditions.Count)]);
        if (length >= 2)
        {
            text.Append(' ').Append(DemoCatalog.Reasons[random.Next(DemoCatalog.Reasons.Count)]);
        }

        if (length >= 3)
        {
            text.Append("\n\n").Append(DemoCatalog.Collection[random.Next(DemoCatalog.Collection.Count)]);
        }

        if (length >= 4 || number % 40 == 3)
        {
            foreach (var story in DemoCatalog.Stories.Take(1 + random.Next(DemoCatalog.Stories.Count)))
            {
                text.Append("\n\n").Append(story);
            }
        }

        if (number % 50 == 11)
        {
            text.Append("\n\nThe manual and the spare parts list: ").Append(DemoCatalog.LongLink);
        }

        return text.ToString();
    }

    /// <summary>The title inside a sentence: its first letter in lower case unless it starts an abbreviation ("DJ", "VR").</summary>
    private static string InSentence(string title) =>
        title.Length > 1 && char.IsUpper(title[0]) && char.IsLower(title[1]) ? char.ToLowerInvariant(title[0]) + title[1..] : title;
}
