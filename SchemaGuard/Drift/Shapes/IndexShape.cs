namespace Marketplace.SchemaGuard.Drift.Shapes;

internal sealed record IndexShape(
    string Name,
    IReadOnlyList<string> Columns,
    IReadOnlyList<bool> Descending,
    bool IsUnique,
    string? Filter,
    string Method,
    IReadOnlyList<string> Include,
    bool NullsDistinct,
    IReadOnlyList<string>? Operators,
    bool IsExpression,
    bool IsValid = true);
