namespace Marketplace.SchemaGuard.Linting;

public enum LintSeverity
{
    Warning,
    Error,
}

/// <summary>
/// What a finding is about: a table, or something inside it (column, index, constraint), or an object that belongs to no
/// table (an enum type, a raw SQL step). Its <see cref="ToString"/> is the text an <see cref="AcknowledgeLintAttribute"/> names.
/// </summary>
/// <param name="Schema">The schema, or null for the default one (<c>public</c>).</param>
/// <param name="Table">The table, or null when the object belongs to no table.</param>
/// <param name="Name">The column, index, constraint, enum type or SQL step (<c>sql#1</c>), or null for the table itself.</param>
public sealed record LintTarget(string? Schema, string? Table, string? Name)
{
    public static LintTarget OfTable(string? schema, string table) => new(schema, table, null);

    public static LintTarget InTable(string? schema, string table, string name) => new(schema, table, name);

    /// <summary>For objects that belong to no table.</summary>
    public static LintTarget Standalone(string? schema, string name) => new(schema, null, name);

    public override string ToString() => string.Join('.', new[] { Schema, Table, Name }.Where(part => part is not null));
}

/// <summary>One operation of a migration that is unsafe on a live PostgreSQL, and what to do instead.</summary>
/// <param name="RuleId">The rule that found it, e.g. <c>drop-column</c>; see <see cref="LintRuleIds"/>.</param>
/// <param name="Message">One sentence on why the operation is dangerous on a live database.</param>
/// <param name="Suggestion">The safe alternative.</param>
public sealed record LintFinding(
    string RuleId,
    LintSeverity Severity,
    string MigrationId,
    LintTarget Target,
    string Message,
    string Suggestion)
{
    /// <summary>The reason a migration's <see cref="AcknowledgeLintAttribute"/> gives, or null when nobody acknowledged it.</summary>
    public string? AcknowledgedReason { get; init; }

    public bool IsAcknowledged => AcknowledgedReason is not null;

    /// <summary>An unacknowledged error: what fails CI and makes the worker's <c>lint</c> exit with code 8.</summary>
    public bool IsBlocking => Severity == LintSeverity.Error && !IsAcknowledged;
}
