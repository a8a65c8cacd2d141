using System.Reflection;
using Marketplace.SchemaGuard.Linting.Rules;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.SchemaGuard.Linting;

/// <summary>One migration to lint, with the model the database had before it.</summary>
/// <param name="PreviousModel">The previous migration's target model; null for the first migration.</param>
/// <param name="Location">Where the migration's source lives, for the report (e.g. <c>Data/Migrations/20250101000000_AddX.cs</c>); its id when null.</param>
public sealed record LintSubject(Migration Migration, IModel? PreviousModel, string? Location = null)
{
    public string Id => IdOf(Migration);

    /// <summary>The id EF Core records in the history table: the <see cref="MigrationAttribute"/>'s, else the class name.</summary>
    public static string IdOf(Migration migration) =>
        migration.GetType().GetCustomAttribute<MigrationAttribute>()?.Id ?? migration.GetType().Name;
}

/// <summary>
/// Reads EF Core migrations for operations that are unsafe on a live PostgreSQL: it walks each migration's Up
/// operations knowing which tables the migration itself created (those are empty, so nothing is reported on them),
/// and applies the migration's <see cref="AcknowledgeLintAttribute"/>s to what it finds.
/// </summary>
public static class MigrationLinter
{
    private static readonly IReadOnlyList<ILintRule> Rules =
    [
        new DropTableRule(),
        new DropColumnRule(),
        new RenameTableRule(),
        new RenameColumnRule(),
        new AlterColumnTypeRule(),
        new BackfillUpdateRule(),
        new SetNotNullRule(),
        new AddRequiredColumnWithoutDefaultRule(),
        new AddColumnVolatileDefaultRule(),
        new AddStoredGeneratedColumnRule(),
        new CreateIndexBlockingRule(),
        new ConcurrentIndexNotAloneRule(),
        new DropIndexBlockingRule(),
        new AddUniqueConstraintRule(),
        new AddPrimaryKeyRule(),
        new AddForeignKeyRule(),
        new AddCheckConstraintRule(),
        new EnumLabelRule(),
        new RawSqlRule(),
    ];

    public static LintReport Lint(IEnumerable<LintSubject> subjects) => new([.. subjects.Select(Lint)]);

    /// <summary>Lints one migration; <paramref name="previous"/> is the migration before it, null for the first.</summary>
    public static MigrationLintResult Lint(Migration migration, Migration? previous) => Lint(new LintSubject(migration, previous?.TargetModel));

    public static MigrationLintResult Lint(LintSubject subject)
    {
        var migration = subject.Migration;
        var walk = new MigrationWalk(subject.Id, migration.GetType(), migration.UpOperations, subject.PreviousModel, () => migration.TargetModel);
        var findings = new List<LintFinding>();
        foreach (var operation in walk.Operations)
        {
            walk.Enter(operation);
            foreach (var rule in Rules)
            {
                findings.AddRange(rule.Inspect(operation, walk));
            }

            walk.Advance(operation);
        }

        findings.AddRange(MigrationMarkRule.Inspect(walk));

        var acknowledgements = migration.GetType().GetCustomAttributes<AcknowledgeLintAttribute>().ToList();
        return new MigrationLintResult(subject.Id, subject.Location ?? subject.Id, Acknowledge(subject.Id, findings, acknowledgements));
    }

    private static List<LintFinding> Acknowledge(string migrationId, List<LintFinding> findings, List<AcknowledgeLintAttribute> acknowledgements)
    {
        var result = new List<LintFinding>(findings.Count + acknowledgements.Count);
        var used = new HashSet<AcknowledgeLintAttribute>();
        foreach (var finding in findings)
        {
            // A finding a migration mark already acknowledged (with the mark's reason) needs no second acknowledgement.
            var match = finding.IsAcknowledged ? null : acknowledgements.FirstOrDefault(a => Matches(a, finding) && !string.IsNullOrWhiteSpace(a.Reason));
            if (match is null)
            {
                result.Add(finding);
                continue;
            }

            used.Add(match);
            result.Add(finding with { AcknowledgedReason = match.Reason.Trim() });
        }

        foreach (var acknowledgement in acknowledgements)
        {
            var target = new LintTarget(null, null, acknowledgement.Target);
            if (string.IsNullOrWhiteSpace(acknowledgement.Reason))
            {
                result.Add(new LintFinding(
                    LintRuleIds.InvalidAcknowledgement,
                    LintSeverity.Error,
                    migrationId,
                    target,
                    $"The acknowledgement of {acknowledgement.RuleId} on {acknowledgement.Target} has a blank reason, so it acknowledges nothing: the next reader could not check the judgement.",
                    "Say why the operation is safe for this database (for example: the table is empty in production), or remove the attribute."));
            }
            else if (!used.Contains(acknowledgement))
            {
                var why = LintRuleIds.Acknowledgeable.Contains(acknowledgement.RuleId)
                    ? "its target is misspelt or the operation it excused is gone"
                    : $"'{acknowledgement.RuleId}' is not a rule id";
                result.Add(new LintFinding(
                    LintRuleIds.StaleAcknowledgement,
                    LintSeverity.Warning,
                    migrationId,
                    target,
                    $"The acknowledgement of {acknowledgement.RuleId} on {acknowledgement.Target} matches no finding of this migration ({why}), so it excuses nothing and misleads the next reader.",
                    "Copy the rule id and target exactly as the finding shows them, or remove the attribute."));
            }
        }

        return result;
    }

    // Case-insensitive: the target is typed by hand from the report, and PostgreSQL names that differ only by case are rare enough.
    private static bool Matches(AcknowledgeLintAttribute acknowledgement, LintFinding finding) =>
        string.Equals(acknowledgement.RuleId, finding.RuleId, StringComparison.Ordinal)
        && string.Equals(acknowledgement.Target.Trim(), finding.Target.ToString(), StringComparison.OrdinalIgnoreCase);
}
