namespace Marketplace.SchemaGuard.MigrationMarks;

/// <summary>
/// Declares that the version before this migration never reads the table: no query of it selects from the table, so
/// rows the new version writes there (holding enum labels the previous version does not know, say) cannot break it
/// during a rolling deploy. Lint takes it as the acknowledgement of <c>add-enum-label</c> for an enum type whose columns,
/// in the model before this migration, all lie in tables so marked; the rolling-deploy proof writes no rows holding the
/// new schema's labels into the table. One attribute per table.
/// </summary>
/// <example><c>[NotReadByPreviousVersion("AdminAuditLog", Reason = "Only the admin endpoints of this release read the audit log.")]</c></example>
/// <param name="table">The table, schema-qualified outside the default schema, as lint shows targets.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class NotReadByPreviousVersionAttribute(string table) : Attribute
{
    public string Table { get; } = table;

    /// <summary>Why no query of the previous version reads the table (required, not blank).</summary>
    public required string Reason { get; init; }
}
