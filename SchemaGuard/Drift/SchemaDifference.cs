namespace Marketplace.SchemaGuard.Drift;

/// <summary>
/// One way the live database differs from the model. <see cref="Object"/> names the thing ("column Listing.CategoryId",
/// "index IX_Listing_SellerId"; it starts with a <see cref="SchemaObjectKind"/>) and is what <c>SchemaDrift:Allow</c>
/// entries match; <see cref="Description"/> is the sentence.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The allow-list's configuration key is Object; the report uses the same word.")]
public sealed record SchemaDifference(string Object, string Description)
{
    public override string ToString() => Description;
}
