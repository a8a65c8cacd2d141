namespace Marketplace.SchemaGuard.Drift;

/// <summary>The result of comparing the live database with a model.</summary>
/// <param name="Fingerprint">The hash of every catalog fact the comparison read (<see cref="CatalogSchemaReader"/>).</param>
public sealed record SchemaDriftReport(
    IReadOnlyList<SchemaDifference> Differences,
    IReadOnlyList<AcknowledgedDifference> Acknowledged,
    IReadOnlyList<SchemaDriftAllowance> UnusedAllowances,
    int ModelTablesInDatabase,
    string Fingerprint,
    TimeSpan Elapsed)
{
    /// <summary>True when the database has a difference that no allow-list entry acknowledges.</summary>
    public bool HasDrift => Differences.Count > 0;

    /// <summary>The differences as a bulleted paragraph, for logs and error messages.</summary>
    public string Describe() => string.Join(Environment.NewLine, Differences.Select(d => "  - " + d.Description));
}
