using Marketplace.SchemaGuard.Linting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.SchemaGuard.RollingDeploy;

/// <summary>
/// The rolling-deploy proof, the dynamic check behind lint's static rules. During a rolling deploy the previous
/// application version serves against the new schema for minutes. For each migration, the version built on the model
/// before it (the previous migration's target model; no old commit is built) must still insert a row into every table
/// it maps, with only the columns it knows, and read back every column it maps, including rows holding each label the
/// new schema allows in its enum columns. Lint acknowledgements do not excuse a failure; a <c>[ContractStep]</c> leaves
/// out the objects it names and <c>[EnumLabelNotWrittenYet]</c> the rows holding its label.
/// </summary>
public static class PreviousVersionProof
{
    /// <summary>
    /// Walks one empty database up the context's migrations one at a time, and proves each migration after the first
    /// against the version before it (and that version against its own schema first, the baseline). Leaves the
    /// database at the last migration with no rows added.
    /// </summary>
    /// <param name="context">A context of the migrations' type, connected to the empty database.</param>
    /// <param name="connectionString">The same database, for the proof's own data source (which maps the previous version's enums).</param>
    public static async Task<IReadOnlyList<PreviousVersionResult>> ProveHistoryAsync(
        DbContext context, string connectionString, CancellationToken cancellationToken)
    {
        var sequence = MigrationSequence.FromContext(context);
        var migrator = context.GetService<IMigrator>();
        var results = new List<PreviousVersionResult>();
        for (var i = 0; i < sequence.Migrations.Count; i++)
        {
            var migration = sequence.Migrations[i];
            var id = LintSubject.IdOf(migration);
            if (i == 0)
            {
                await migrator.MigrateAsync(id, cancellationToken);
                continue;
            }

            var previous = sequence.Migrations[i - 1];
            results.Add(await ProveAsync(
                connectionString,
                DesignTimeModel(context, previous),
                LintSubject.IdOf(previous),
                migration,
                ct => migrator.MigrateAsync(id, ct),
                cancellationToken));
        }

        return results;
    }

    /// <summary>
    /// Proves one migration: the previous version against the schema as it is (the baseline), then
    /// <paramref name="applyAsync"/> applies the migration, then the previous version against the schema after it.
    /// </summary>
    /// <param name="previousModel">The previous migration's target model, initialised for design time (<see cref="DesignTimeModel"/>).</param>
    public static async Task<PreviousVersionResult> ProveAsync(
        string connectionString,
        IModel previousModel,
        string previousMigrationId,
        Migration migration,
        Func<CancellationToken, Task> applyAsync,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(applyAsync);
        // One data source for both tries, with its types loaded before the migration, as the running version's was.
        var enums = new PreviousVersionEnums(previousModel);
        await using var dataSource = enums.DataSource(connectionString);
        var baseline = new PreviousVersionAttempt(previousModel, enums, migrationType: null);
        await baseline.RunAsync(dataSource, cancellationToken);
        await applyAsync(cancellationToken);
        var after = new PreviousVersionAttempt(previousModel, enums, migration.GetType());
        await after.RunAsync(dataSource, cancellationToken);
        return new PreviousVersionResult(LintSubject.IdOf(migration), previousMigrationId, after.Problems, baseline.Problems, after.Skipped, after.Rows);
    }

    /// <summary>A migration's target model as EF Core's migrator uses it: initialised for design time, so it describes tables.</summary>
    public static IModel DesignTimeModel(DbContext context, Migration migration) =>
        context.GetService<IModelRuntimeInitializer>().Initialize(
            migration.TargetModel ?? throw new InvalidOperationException(
                $"{LintSubject.IdOf(migration)} has no target model (its .Designer.cs is missing), so no version can be built on it."),
            designTime: true,
            validationLogger: null);
}
