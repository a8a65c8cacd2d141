using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;

namespace Marketplace.SchemaGuard.Conventions;

/// <summary>
/// Index builds and drops that run concurrently (<c>CREATE/DROP INDEX CONCURRENTLY</c>): outside the migration's
/// transaction, without blocking writes. Npgsql marks a concurrent build with an annotation; a drop is marked with the
/// same one (<see cref="Concurrently"/>), so the SQL generator, the migration applier and the linter ask one question.
/// </summary>
public static class ConcurrentIndex
{
    /// <summary>Npgsql's annotation for <c>IsCreatedConcurrently()</c>.</summary>
    public const string Annotation = "Npgsql:CreatedConcurrently";

    /// <summary>Marks a migration's DROP INDEX to run concurrently.</summary>
    public static OperationBuilder<DropIndexOperation> Concurrently(this OperationBuilder<DropIndexOperation> drop) =>
        drop.Annotation(Annotation, true);

    /// <summary>True for a CREATE INDEX or DROP INDEX that runs concurrently.</summary>
    public static bool IsConcurrent(MigrationOperation operation) =>
        operation is CreateIndexOperation or DropIndexOperation && operation[Annotation] is true;
}
