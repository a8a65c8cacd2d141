using System.Reflection;
using Marketplace.SchemaGuard.Conventions;
using Marketplace.SchemaGuard.MigrationMarks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Marketplace.SchemaGuard.Linting.Rules;

/// <summary>
/// Lists the marks a migration carries, each with its reason, so the judgement behind it stays visible:
/// <c>without-lock-timeout</c> and <c>contract-step</c>, acknowledged by the mark's own reason (a blank one acknowledges
/// nothing). A mark that names nothing this migration does is stale. <c>[EnumLabelNotWrittenYet]</c> acknowledges the
/// <c>add-enum-label</c> finding of its label (<see cref="EnumLabelRule"/>), as <c>[NotReadByPreviousVersion]</c> does for the
/// enum types whose columns lie only in the tables it names; here both are only checked for staleness and a blank reason.
/// </summary>
internal static class MigrationMarkRule
{
    public static IEnumerable<LintFinding> Inspect(MigrationWalk walk)
    {
        if (walk.MigrationType.GetCustomAttribute<WithoutLockTimeoutAttribute>() is { } withoutTimeout)
        {
            foreach (var finding in Acknowledged(walk, "[WithoutLockTimeout]", WithoutLockTimeout(walk), withoutTimeout.Reason))
            {
                yield return finding;
            }
        }

        var removed = RemovedObjects(walk);
        var previous = PreviousObjects(walk);
        foreach (var step in walk.MigrationType.GetCustomAttributes<ContractStepAttribute>())
        {
            var target = step.Target.Trim();
            if (!removed.Contains(target) || !previous.Contains(target))
            {
                var why = previous.Contains(target)
                    ? "this migration neither drops, renames nor alters it"
                    : "the model before this migration maps no such table or column";
                yield return Stale(walk, "contract step", target, why);
                continue;
            }

            var contract = walk.Finding(
                LintRuleIds.ContractStep,
                LintSeverity.Error,
                new LintTarget(null, null, target),
                $"Contract step: the rolling-deploy proof does not check that the previous Api version can still use {target}, on this mark's word that no deployed version reads or writes it any more.",
                "Keep the mark true: the release named in the reason must run everywhere before this migration does; without the mark, the proof fails for as long as the previous version uses the object.");
            foreach (var finding in Acknowledged(walk, $"[ContractStep(\"{target}\")]", contract, step.Reason))
            {
                yield return finding;
            }
        }

        foreach (var notRead in walk.TablesNotRead)
        {
            var table = notRead.Table.Trim();
            if (!previous.Contains(table))
            {
                yield return Stale(walk, "mark that the previous version does not read", table, "the model before this migration maps no such table");
            }
            else if (string.IsNullOrWhiteSpace(notRead.Reason))
            {
                yield return BlankReason(walk, $"[NotReadByPreviousVersion(\"{table}\")]", table);
            }
        }

        var added = AddedLabels(walk);
        foreach (var label in walk.LabelsNotWrittenYet)
        {
            if (!added.Any(a => Names(label, a.Schema, a.Name, a.Label)))
            {
                yield return Stale(walk, "enum label mark", $"{label.EnumType}.{label.Label}", "this migration does not add that label");
            }
            else if (string.IsNullOrWhiteSpace(label.Reason))
            {
                yield return BlankReason(walk, $"[EnumLabelNotWrittenYet(\"{label.EnumType}\", \"{label.Label}\")]", $"{label.EnumType}.{label.Label}");
            }
        }
    }

    /// <summary>Whether a mark names this label of this enum type (the schema only where it is not the default one).</summary>
    public static bool Names(EnumLabelNotWrittenYetAttribute mark, string? schema, string name, string label) =>
        string.Equals(mark.Label, label, StringComparison.Ordinal)
        && string.Equals(mark.EnumType.Trim(), LintTarget.Standalone(MigrationWalk.Normalize(schema), name).ToString(), StringComparison.OrdinalIgnoreCase);

    private static LintFinding WithoutLockTimeout(MigrationWalk walk)
    {
        // A concurrent build or drop waits for running transactions without blocking anyone's reads or writes.
        var onlyConcurrent = walk.Operations.Count > 0 && walk.Operations.All(ConcurrentIndex.IsConcurrent);
        var finding = walk.Finding(
            LintRuleIds.WithoutLockTimeout,
            onlyConcurrent ? LintSeverity.Warning : LintSeverity.Error,
            LintTarget.Standalone(null, "lock_timeout"),
            onlyConcurrent
                ? "This migration opts out of the worker's lock timeout: its concurrent index steps wait for every running transaction on the table without a limit; they block no reads or writes while they wait, but the deployment waits with them."
                : "This migration opts out of the worker's lock timeout: a statement that needs a lock on a live table waits for it as long as any running query holds the table, and every later query on that table queues behind the migration, so the table stalls for as long as that query runs.",
            "Remove [WithoutLockTimeout] and let the worker retry when the lock is busy; keep it only for a step that must wait, such as a concurrent index build behind long transactions.");
        return finding;
    }

    /// <summary>The finding acknowledged by the mark's reason; a blank reason acknowledges nothing and is an error of its own.</summary>
    private static IEnumerable<LintFinding> Acknowledged(MigrationWalk walk, string mark, LintFinding finding, string? reason) =>
        string.IsNullOrWhiteSpace(reason)
            ? [finding, BlankReason(walk, mark, finding.Target.ToString())]
            : [finding with { AcknowledgedReason = reason.Trim() }];

    private static LintFinding BlankReason(MigrationWalk walk, string mark, string target) =>
        walk.Finding(
            LintRuleIds.InvalidAcknowledgement,
            LintSeverity.Error,
            new LintTarget(null, null, target),
            $"{mark} has a blank reason, so it acknowledges nothing: the next reader could not check the judgement.",
            "Say why the mark is true (for a contract step, the release that stopped using the object), or remove it.");

    private static LintFinding Stale(MigrationWalk walk, string mark, string target, string why) =>
        walk.Finding(
            LintRuleIds.StaleAcknowledgement,
            LintSeverity.Warning,
            new LintTarget(null, null, target),
            $"The {mark} on {target} matches nothing: {why}, so it excuses nothing and misleads the next reader.",
            "Name the object exactly as lint shows targets, or remove the mark.");

    /// <summary>Tables and columns this migration drops, renames or alters, as lint shows targets.</summary>
    private static HashSet<string> RemovedObjects(MigrationWalk walk)
    {
        var objects = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var operation in walk.Operations)
        {
            var target = operation switch
            {
                DropTableOperation drop => LintTarget.OfTable(MigrationWalk.Normalize(drop.Schema), drop.Name),
                RenameTableOperation rename => LintTarget.OfTable(MigrationWalk.Normalize(rename.Schema), rename.Name),
                DropColumnOperation drop => LintTarget.InTable(MigrationWalk.Normalize(drop.Schema), drop.Table, drop.Name),
                RenameColumnOperation rename => LintTarget.InTable(MigrationWalk.Normalize(rename.Schema), rename.Table, rename.Name),
                AlterColumnOperation alter => LintTarget.InTable(MigrationWalk.Normalize(alter.Schema), alter.Table, alter.Name),
                _ => null,
            };
            if (target is not null)
            {
                objects.Add(target.ToString());
            }
        }

        return objects;
    }

    /// <summary>Tables and columns the model before this migration maps, as lint shows targets.</summary>
    private static HashSet<string> PreviousObjects(MigrationWalk walk)
    {
        var objects = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entityType in walk.PreviousModel?.GetEntityTypes() ?? [])
        {
            if (entityType.GetTableName() is not { } table)
            {
                continue;
            }

            var schema = MigrationWalk.Normalize(entityType.GetSchema());
            objects.Add(LintTarget.OfTable(schema, table).ToString());
            var storeObject = StoreObjectIdentifier.Table(table, entityType.GetSchema());
            foreach (var property in entityType.GetProperties())
            {
                if (property.GetColumnName(storeObject) is { } column)
                {
                    objects.Add(LintTarget.InTable(schema, table, column).ToString());
                }
            }
        }

        return objects;
    }

    private static List<(string? Schema, string Name, string Label)> AddedLabels(MigrationWalk walk) =>
    [
        .. walk.Operations.OfType<AlterDatabaseOperation>().SelectMany(database =>
            database.GetPostgresEnums().SelectMany(newEnum => database.GetOldPostgresEnums()
                .Where(o => o.Name == newEnum.Name && MigrationWalk.Normalize(o.Schema) == MigrationWalk.Normalize(newEnum.Schema))
                .SelectMany(oldEnum => newEnum.Labels.Except(oldEnum.Labels, StringComparer.Ordinal))
                .Select(label => (newEnum.Schema, newEnum.Name, label)))),
    ];
}
