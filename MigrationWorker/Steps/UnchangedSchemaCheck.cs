using Marketplace.Data.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.MigrationWorker.Steps;

/// <summary>
/// The schema guard of a run with nothing to do, at the cost of a few catalog queries: recognises a database that this
/// build has already verified in exactly its present state (<see cref="SchemaVerificationStamp"/>). It depends on no
/// DbContext on purpose: creating one, and building the model, costs more than the rest of such a run.
/// </summary>
public sealed partial class UnchangedSchemaCheck(
    NpgsqlDataSource dataSource,
    IOptions<SchemaDriftOptions> driftOptions,
    ILogger<UnchangedSchemaCheck> logger)
{
    /// <summary>
    /// True when this build already verified the database in exactly its present state (schema, history and
    /// checksums), read in plain SQL; false sends the run through the full check.
    /// </summary>
    public async Task<bool> IsUnchangedSinceVerifiedAsync(CancellationToken cancellationToken)
    {
        using var step = WorkerTelemetry.Step("verify-unchanged");
        var state = await SchemaVerificationStamp.ReadAsync(dataSource, SchemaVerificationStamp.BuildKey(driftOptions.Value), cancellationToken);
        step.Activity?.SetTag("marketplace.schema.unchanged", state.VerifiedAt is not null);
        if (state.VerifiedAt is { } verifiedAt)
        {
            LogUnchanged(logger, verifiedAt, step.Elapsed.TotalMilliseconds);
            return true;
        }

        LogChanged(logger, step.Elapsed.TotalMilliseconds);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema, migration history and checksums unchanged since this build verified them at {VerifiedAt:u}; checked in {ElapsedMs:0} ms without building the model")]
    private static partial void LogUnchanged(ILogger logger, DateTimeOffset verifiedAt, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "The database is not in a state this build has verified (checked in {ElapsedMs:0} ms); verifying it in full")]
    private static partial void LogChanged(ILogger logger, double elapsedMs);
}
