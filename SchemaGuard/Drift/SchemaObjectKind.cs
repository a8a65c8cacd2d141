namespace Marketplace.SchemaGuard.Drift;

/// <summary>
/// The kinds of schema object the guard compares, as they begin a drift report's object name ("index IX_Listing_Title").
/// One list for the drift detector's sentences, the allow-list's validation and the catalog reads the stamp's
/// fingerprint covers, so none of them can know a kind the others do not.
/// </summary>
public static class SchemaObjectKind
{
    public const string Table = "table";
    public const string Column = "column";
    public const string PrimaryKey = "primary key";
    public const string UniqueConstraint = "unique constraint";
    public const string Index = "index";
    public const string ForeignKey = "foreign key";
    public const string CheckConstraint = "check constraint";
    public const string Trigger = "trigger";
    public const string Enum = "enum";
    public const string Extension = "extension";

    public static IReadOnlyList<string> All { get; } =
        [Table, Column, PrimaryKey, UniqueConstraint, Index, ForeignKey, CheckConstraint, Trigger, Enum, Extension];

    /// <summary>How a report names one object: the kind, a space, the name.</summary>
    public static string Name(string kind, string name) => kind + " " + name;

    /// <summary>The kind an object name starts with, or null when it starts with none.</summary>
    public static string? KindOf(string objectName) =>
        All.Where(kind => objectName.Length > kind.Length + 1 && objectName.StartsWith(kind + " ", StringComparison.Ordinal))
            .MaxBy(kind => kind.Length);
}
