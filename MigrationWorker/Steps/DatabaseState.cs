namespace Marketplace.MigrationWorker.Steps;

/// <summary>What the worker learns in one round trip before it decides how much to do.</summary>
/// <param name="SchemaVerified">This build verified the schema, history and checksums in exactly their present state (the stamp matches).</param>
/// <param name="DataWorkLeft">A base category is missing or a listing is still to be backfilled; true when that could not be asked.</param>
public sealed record DatabaseState(bool SchemaVerified, bool DataWorkLeft)
{
    /// <summary>Nothing to migrate, verify, seed or backfill: the run can end here.</summary>
    public bool NothingToDo => SchemaVerified && !DataWorkLeft;
}
