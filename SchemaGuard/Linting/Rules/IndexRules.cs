using Marketplace.SchemaGuard.Conventions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Marketplace.SchemaGuard.Linting.Rules;

/// <summary><c>create-index-blocking</c>: a plain CREATE INDEX holds a SHARE lock, so no row is written until it is built.</summary>
internal sealed class CreateIndexBlockingRule : ILintRule
{
    public IEnumerable<LintFinding> Inspect(MigrationOperation operation, MigrationWalk walk)
    {
        if (operation is not CreateIndexOperation index || !walk.IsExisting(index.Schema, index.Table) || ConcurrentIndex.IsConcurrent(index))
        {
            yield break;
        }

        // A model that says concurrently under an operation that does not means the migration was generated before the
        // model said so (the designer's annotation does not reach the SQL; only the operation's does).
        var modelDisagrees = walk.FindTargetIndex(index)?.IsCreatedConcurrently() == true
            ? " The target model marks it IsCreatedConcurrently(), but this operation lacks the annotation, so it was generated before the model said so."
            : "";
        yield return walk.Finding(
            LintRuleIds.CreateIndexBlocking,
            LintSeverity.Error,
            LintTarget.InTable(MigrationWalk.Normalize(index.Schema), index.Table, index.Name),
            $"Creating {(index.IsUnique ? "unique " : "")}index \"{index.Name}\" without CONCURRENTLY holds a SHARE lock on {SqlNames.Quote(index.Schema, index.Table)} that blocks every insert, update and delete until the index is built.{modelDisagrees}",
            "Mark the index IsCreatedConcurrently() and generate it in a migration of its own, so it is built while writes continue.");
    }
}

/// <summary>
/// <c>drop-index-blocking</c>: a plain DROP INDEX takes an ACCESS EXCLUSIVE lock on the table; it queues behind every
/// running query, and every query queues behind it.
/// </summary>
internal sealed class DropIndexBlockingRule : ILintRule
{
    public IEnumerable<LintFinding> Inspect(MigrationOperation operation, MigrationWalk walk)
    {
        if (operation is DropIndexOperation drop
            && drop.Table is { } table
            && walk.IsExisting(drop.Schema, table)
            && !ConcurrentIndex.IsConcurrent(drop))
        {
            yield return walk.Finding(
                LintRuleIds.DropIndexBlocking,
                LintSeverity.Error,
                LintTarget.InTable(MigrationWalk.Normalize(drop.Schema), table, drop.Name),
                $"Dropping index \"{drop.Name}\" without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on {SqlNames.Quote(drop.Schema, table)}: it waits for every running query on the table, and every read and write waits behind it.",
                "Add .Concurrently() (Marketplace.SchemaGuard.Conventions) to the DropIndex and give it a migration of its own.");
        }
    }
}

/// <summary>
/// <c>concurrent-index-not-alone</c>: CREATE and DROP INDEX CONCURRENTLY cannot run in a transaction, so they run
/// outside the migration's; with other steps beside them a failure leaves the migration half applied and unrecorded.
/// </summary>
internal sealed class ConcurrentIndexNotAloneRule : ILintRule
{
    public IEnumerable<LintFinding> Inspect(MigrationOperation operation, MigrationWalk walk)
    {
        var (schema, table, name, built) = operation switch
        {
            CreateIndexOperation index when ConcurrentIndex.IsConcurrent(index) => (index.Schema, index.Table, index.Name, true),
            DropIndexOperation { Table: { } dropTable } drop when ConcurrentIndex.IsConcurrent(drop) => (drop.Schema, dropTable, drop.Name, false),
            _ => (null, null, null, false),
        };
        if (table is null || name is null || !walk.IsExisting(schema, table) || walk.Operations.Count == 1)
        {
            yield break;
        }

        var others = walk.Operations.Count - 1;
        yield return walk.Finding(
            LintRuleIds.ConcurrentIndexNotAlone,
            LintSeverity.Warning,
            LintTarget.InTable(MigrationWalk.Normalize(schema), table, name),
            built
                ? $"Index \"{name}\" is built concurrently, outside the migration's transaction, beside {Plural.Of(others, "other operation")}: if any step fails, what ran before stays applied, the migration is not recorded, a failed build leaves an INVALID index, and the rerun fails on objects that already exist."
                : $"Index \"{name}\" is dropped concurrently, outside the migration's transaction, beside {Plural.Of(others, "other operation")}: if a later step fails, the index stays dropped and the migration is not recorded.",
            built
                ? "Generate each concurrent index in a migration of its own; after a failed build, DROP INDEX CONCURRENTLY the invalid index before retrying."
                : "Give each concurrent drop a migration of its own.");
    }
}
