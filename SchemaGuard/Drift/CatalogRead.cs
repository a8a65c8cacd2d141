using Marketplace.SchemaGuard.Drift.Shapes;

namespace Marketplace.SchemaGuard.Drift;

/// <summary>The live schema as the catalog describes it, and the hash of every fact that description was read from.</summary>
internal sealed record CatalogRead(SchemaShape Schema, string Fingerprint);
