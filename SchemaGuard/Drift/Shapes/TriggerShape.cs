namespace Marketplace.SchemaGuard.Drift.Shapes;

/// <summary>A trigger the schema needs (EF Core's <c>HasTrigger</c>): migrations create it with SQL, so only its presence and state are compared.</summary>
internal sealed record TriggerShape(string Name, bool IsEnabled);
