namespace Marketplace.Web.Presentation;

/// <summary>What a typed price turned out to be: nothing, an amount, or an error to show next to the field.</summary>
public readonly record struct PriceReading(decimal? Amount, string? Error)
{
    public static readonly PriceReading Empty = new(null, null);

    public bool IsEmpty => Amount is null && Error is null;
}
