namespace Marketplace.SchemaGuard.Drift.Shapes;

// The schema as the drift check compares it, read either from a model or from the catalog. Both sides are brought to
// the same spelling (SqlText) before they meet, so the comparison is plain equality.

/// <summary>A whole schema: tables, enum types and extensions, keyed by "schema.name".</summary>
internal sealed record SchemaShape(
    string DefaultSchema,
    IReadOnlyDictionary<string, TableShape> Tables,
    IReadOnlyDictionary<string, EnumShape> Enums,
    IReadOnlyCollection<string> Extensions);
