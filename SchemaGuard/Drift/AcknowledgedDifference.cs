namespace Marketplace.SchemaGuard.Drift;

/// <summary>A difference that an entry of <c>SchemaDrift:Allow</c> acknowledges, with that entry's reason.</summary>
public sealed record AcknowledgedDifference(SchemaDifference Difference, string Reason);
