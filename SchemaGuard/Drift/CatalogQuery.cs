namespace Marketplace.SchemaGuard.Drift;

/// <summary>One query of the catalog read, with the kinds of schema object (<see cref="SchemaObjectKind"/>) whose facts it returns.</summary>
internal sealed record CatalogQuery(IReadOnlyList<string> Kinds, string Sql);
