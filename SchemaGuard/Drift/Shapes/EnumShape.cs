namespace Marketplace.SchemaGuard.Drift.Shapes;

internal sealed record EnumShape(string DisplayName, IReadOnlyList<string> Labels);
