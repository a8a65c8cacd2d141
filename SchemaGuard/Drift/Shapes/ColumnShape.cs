namespace Marketplace.SchemaGuard.Drift.Shapes;

/// <summary><see cref="Identity"/> is 'a' (always), 'd' (by default) or '\0', as pg_attribute.attidentity.</summary>
internal sealed record ColumnShape(
    string Name,
    string StoreType,
    bool IsNullable,
    string? Default,
    char Identity,
    bool IsGenerated,
    bool IsSerial = false);
