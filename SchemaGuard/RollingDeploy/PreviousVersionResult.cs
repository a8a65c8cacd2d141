namespace Marketplace.SchemaGuard.RollingDeploy;

/// <summary>
/// What the version built on the model before a migration could still do against the schema after it.
/// </summary>
/// <param name="MigrationId">The migration whose schema was tried.</param>
/// <param name="PreviousMigrationId">The migration whose target model stands for the previous version.</param>
/// <param name="Problems">Each insert or read the previous version could not do, in a sentence naming the table, column and the database's answer.</param>
/// <param name="BaselineProblems">The same, tried against the previous version's own schema before the migration: anything here is the proof's own limit, not the migration's fault.</param>
/// <param name="Skipped">What the proof left out, and why: the objects of a contract step, the labels not written yet.</param>
/// <param name="Rows">How many rows the previous version wrote and read back.</param>
public sealed record PreviousVersionResult(
    string MigrationId,
    string PreviousMigrationId,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> BaselineProblems,
    IReadOnlyList<string> Skipped,
    int Rows)
{
    /// <summary>The previous version keeps working: every row written and read back, and the baseline held too.</summary>
    public bool Holds => Problems.Count == 0 && BaselineProblems.Count == 0;

    public override string ToString() =>
        Holds
            ? $"{MigrationId}: the version built on {PreviousMigrationId} wrote and read {Plural.Of(Rows, "row")}."
            : string.Join(Environment.NewLine, new[]
                {
                    $"{MigrationId}: the version built on {PreviousMigrationId} stops working during the deploy:",
                }
                .Concat(Problems.Select(p => "  " + p))
                .Concat(BaselineProblems.Select(p => $"  (the proof itself, before {MigrationId}) " + p)));
}
