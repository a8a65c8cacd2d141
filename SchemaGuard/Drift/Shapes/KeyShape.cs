namespace Marketplace.SchemaGuard.Drift.Shapes;

/// <summary>A primary key or unique constraint.</summary>
internal sealed record KeyShape(string Name, IReadOnlyList<string> Columns);
