namespace Marketplace.SchemaGuard.Drift;

/// <summary>Settings under <c>SchemaDrift</c>: the differences a team has decided to live with.</summary>
public sealed class SchemaDriftOptions
{
    public const string SectionName = "SchemaDrift";

    /// <summary>Intentional differences, e.g. an index a DBA added: <c>{ "Object": "index IX_Listing_Title_Trgm", "Reason": "..." }</c>.</summary>
    public List<SchemaDriftAllowance> Allow { get; } = [];
}
