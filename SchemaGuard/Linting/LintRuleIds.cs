namespace Marketplace.SchemaGuard.Linting;

/// <summary>The rule ids findings carry and acknowledgements name.</summary>
public static class LintRuleIds
{
    public const string DropTable = "drop-table";
    public const string DropColumn = "drop-column";
    public const string RenameTable = "rename-table";
    public const string RenameColumn = "rename-column";
    public const string AlterColumnType = "alter-column-type";
    public const string AddRequiredColumnWithoutDefault = "add-required-column-without-default";
    public const string SetNotNull = "set-not-null";
    public const string BackfillUpdate = "backfill-update";
    public const string CreateIndexBlocking = "create-index-blocking";
    public const string ConcurrentIndexNotAlone = "concurrent-index-not-alone";
    public const string DropIndexBlocking = "drop-index-blocking";
    public const string AddUniqueConstraint = "add-unique-constraint";
    public const string AddPrimaryKey = "add-primary-key";
    public const string AddForeignKey = "add-foreign-key";
    public const string AddCheckConstraint = "add-check-constraint";
    public const string AddColumnVolatileDefault = "add-column-volatile-default";
    public const string AddStoredGeneratedColumn = "add-stored-generated-column";
    public const string AddEnumLabel = "add-enum-label";
    public const string DropEnumLabel = "drop-enum-label";
    public const string ReorderEnumLabels = "reorder-enum-labels";
    public const string RawSql = "raw-sql";

    /// <summary>A migration that opts out of the worker's lock timeout (<c>[WithoutLockTimeout]</c>), listed with its reason.</summary>
    public const string WithoutLockTimeout = "without-lock-timeout";

    /// <summary>A contract step's object (<c>[ContractStep]</c>), listed with its reason: the rolling-deploy proof skips it.</summary>
    public const string ContractStep = "contract-step";

    /// <summary>An acknowledgement or migration mark that matches nothing in its migration.</summary>
    public const string StaleAcknowledgement = "stale-acknowledgement";

    /// <summary>An acknowledgement with a blank reason; it acknowledges nothing.</summary>
    public const string InvalidAcknowledgement = "invalid-acknowledgement";

    /// <summary>The ids of the rules that inspect operations, i.e. the ones an acknowledgement may name.</summary>
    public static IReadOnlySet<string> Acknowledgeable { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        DropTable, DropColumn, RenameTable, RenameColumn, AlterColumnType, AddRequiredColumnWithoutDefault, SetNotNull, BackfillUpdate,
        CreateIndexBlocking, ConcurrentIndexNotAlone, DropIndexBlocking, AddUniqueConstraint, AddPrimaryKey, AddForeignKey, AddCheckConstraint,
        AddColumnVolatileDefault, AddStoredGeneratedColumn, AddEnumLabel, DropEnumLabel, ReorderEnumLabels, RawSql,
    };
}
