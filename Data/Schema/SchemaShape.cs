using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.Data.Schema;

// The schema as the drift check compares it, read either from the model or from the catalog. Both sides are brought
// to the same spelling (SqlText) before they meet, so the comparison is plain equality.

internal sealed record SchemaShape(
    string DefaultSchema,
    IReadOnlyDictionary<string, TableShape> Tables,
    IReadOnlyDictionary<string, EnumShape> Enums,
    IReadOnlyCollection<string> Extensions);

internal sealed record TableShape(
    string DisplayName,
    IReadOnlyList<ColumnShape> Columns,
    KeyShape? PrimaryKey,
    IReadOnlyList<KeyShape> UniqueConstraints,
    IReadOnlyList<IndexShape> Indexes,
    IReadOnlyList<ForeignKeyShape> ForeignKeys,
    IReadOnlyList<string> CheckConstraints,
    IReadOnlyList<TriggerShape> Triggers);

/// <summary>A trigger the schema needs (EF Core's <c>HasTrigger</c>): migrations create it with SQL, so only its presence and state are compared.</summary>
internal sealed record TriggerShape(string Name, bool IsEnabled);

/// <summary><see cref="Identity"/> is 'a' (always), 'd' (by default) or '\0', as pg_attribute.attidentity.</summary>
internal sealed record ColumnShape(
    string Name,
    string StoreType,
    bool IsNullable,
    string? Default,
    char Identity,
    bool IsGenerated,
    bool IsSerial = false);

internal sealed record KeyShape(string Name, IReadOnlyList<string> Columns);

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

internal sealed record ForeignKeyShape(
    string Name,
    IReadOnlyList<string> Columns,
    string PrincipalTable,
    IReadOnlyList<string> PrincipalColumns,
    ReferentialAction OnDelete,
    ReferentialAction OnUpdate);

internal sealed record EnumShape(string DisplayName, IReadOnlyList<string> Labels);
