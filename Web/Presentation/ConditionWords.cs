using Marketplace.Contracts.Listings;

namespace Marketplace.Web.Presentation;

/// <summary>How the pages name an item's condition, and what each one means to a seller choosing it.</summary>
public static class ConditionWords
{
    /// <summary>The conditions in the order a seller reads them, best first, each with its name and its hint.</summary>
    public static IReadOnlyList<(ItemCondition Condition, string Name, string Hint)> All { get; } =
    [
        (ItemCondition.New, "New", "Never used; in its packaging if it came in one."),
        (ItemCondition.LikeNew, "Like new", "Used a little, with no marks or wear."),
        (ItemCondition.Good, "Good", "Used, with some signs of wear; works as it should."),
        (ItemCondition.Fair, "Fair", "Well used: clear wear or small faults, said in the description."),
        (ItemCondition.ForParts, "For parts", "Does not work as it should; for repair or parts."),
    ];

    /// <summary>The condition's name; "Not stated" for a listing made before sellers were asked.</summary>
    public static string Name(ItemCondition? condition) =>
        condition is { } known ? All.First(c => c.Condition == known).Name : "Not stated";

    /// <summary>The condition where it stands alone (a card): its name, or "Condition not stated".</summary>
    public static string Alone(ItemCondition? condition) => condition is null ? "Condition not stated" : Name(condition);

    /// <summary>A condition from a form or an address (its code name, any case); null for none or one we do not know.</summary>
    public static ItemCondition? Read(string? value) =>
        Enum.TryParse<ItemCondition>(value, ignoreCase: true, out var condition) && Enum.IsDefined(condition) && !int.TryParse(value, out _)
            ? condition
            : null;
}
