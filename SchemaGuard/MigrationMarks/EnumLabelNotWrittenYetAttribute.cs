namespace Marketplace.SchemaGuard.MigrationMarks;

/// <summary>
/// Declares that the release shipping this migration adds the label to the enum type but writes no row with it yet: the
/// first of the two releases that add a label rows will use. The previous version cannot read a row holding a label it
/// does not know (Npgsql fails to map it), so the label may be written only from the next release on. The rolling-deploy
/// proof then leaves rows holding the label out for this migration; lint lists the mark (<c>add-enum-label</c>, acknowledged).
/// </summary>
/// <example><c>[EnumLabelNotWrittenYet("listing_status", "reserved", Reason = "Release 2027.15 reads 'reserved'; 2027.16 starts writing it.")]</c></example>
/// <param name="enumType">The PostgreSQL enum type, schema-qualified outside the default schema.</param>
/// <param name="label">The label this migration adds.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EnumLabelNotWrittenYetAttribute(string enumType, string label) : Attribute
{
    public string EnumType { get; } = enumType;

    public string Label { get; } = label;

    /// <summary>Which release starts writing the label (required, not blank).</summary>
    public required string Reason { get; init; }
}
