namespace Marketplace.SchemaGuard.Drift.Shapes;

internal sealed record TableShape(
    string DisplayName,
    IReadOnlyList<ColumnShape> Columns,
    KeyShape? PrimaryKey,
    IReadOnlyList<KeyShape> UniqueConstraints,
    IReadOnlyList<IndexShape> Indexes,
    IReadOnlyList<ForeignKeyShape> ForeignKeys,
    IReadOnlyList<string> CheckConstraints,
    IReadOnlyList<TriggerShape> Triggers);
