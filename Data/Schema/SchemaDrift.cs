namespace Marketplace.Data.Schema;

/// <summary>
/// One way the live database differs from the model. <see cref="Object"/> names the thing ("column Listing.CategoryId",
/// "index IX_Listing_SellerId") and is what <c>SchemaDrift:Allow</c> entries match; <see cref="Description"/> is the sentence.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The allow-list's configuration key is Object; the report uses the same word.")]
public sealed record SchemaDifference(string Object, string Description)
{
    public override string ToString() => Description;
}

/// <summary>A difference that an entry of <c>SchemaDrift:Allow</c> acknowledges, with that entry's reason.</summary>
public sealed record AcknowledgedDifference(SchemaDifference Difference, string Reason);

/// <summary>The result of comparing the live database with the model.</summary>
public sealed record SchemaDriftReport(
    IReadOnlyList<SchemaDifference> Differences,
    IReadOnlyList<AcknowledgedDifference> Acknowledged,
    IReadOnlyList<SchemaDriftAllowance> UnusedAllowances,
    int ModelTablesInDatabase,
    TimeSpan Elapsed)
{
    /// <summary>True when the database has a difference that no allow-list entry acknowledges.</summary>
    public bool HasDrift => Differences.Count > 0;

    /// <summary>The differences as a bulleted paragraph, for logs and error messages.</summary>
    public string Describe() => string.Join(Environment.NewLine, Differences.Select(d => "  - " + d.Description));
}
