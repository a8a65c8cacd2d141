using Marketplace.SchemaGuard;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Marketplace.MigrationWorker.Steps;

/// <summary>
/// Answers "is there anything to do?" in one round trip and without EF Core: the schema guard's stamp (has this build
/// verified the database in exactly its present state?) and the worker's own data work (base categories, backfills).
/// The data question reads the marketplace's tables, so it is asked after the stamp in the same batch; on a schema that
/// lacks what it reads PostgreSQL refuses it, and the run takes the full path, whose verification names the difference.
/// </summary>
public sealed partial class NothingToDoCheck(NpgsqlDataSource dataSource, GuardedContext guarded, ILogger<NothingToDoCheck> logger)
{
    private static readonly string DataWorkSql = $"""
        SELECT NOT ({CategorySeeder.AllPresentSql})
            OR EXISTS ({ListingBackfill.CategoryCandidatesSql})
            OR EXISTS ({ListingBackfill.SearchVectorCandidatesSql})
        """;

    public async Task<DatabaseState> CheckAsync(CancellationToken cancellationToken)
    {
        using var step = WorkerTelemetry.Step("check");
        var reading = await guarded.ReadStampAsync(dataSource, DataWorkSql, cancellationToken);
        var state = new DatabaseState(reading.IsVerified, reading.CallerCheck ?? true);
        step.Activity?.SetTag("marketplace.schema.verified", state.SchemaVerified);
        step.Activity?.SetTag("marketplace.data.work_left", state.DataWorkLeft);
        var elapsedMs = step.Elapsed.TotalMilliseconds;
        if (state.NothingToDo)
        {
            LogNothingToDo(logger, reading.VerifiedAt!.Value, elapsedMs);
        }
        else if (state.SchemaVerified)
        {
            LogDataWorkLeft(logger, reading.VerifiedAt!.Value, elapsedMs);
        }
        else
        {
            LogNotVerified(logger, elapsedMs);
        }

        return state;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Nothing to do: every migration of this build applied, schema, migration history and checksums unchanged since this build verified them at {VerifiedAt:u}, base categories present, no listing to backfill (checked in {ElapsedMs:0} ms without building the model)")]
    private static partial void LogNothingToDo(ILogger logger, DateTimeOffset verifiedAt, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema, migration history and checksums unchanged since this build verified them at {VerifiedAt:u}; seeding and backfilling what is left (checked in {ElapsedMs:0} ms)")]
    private static partial void LogDataWorkLeft(ILogger logger, DateTimeOffset verifiedAt, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "The database is not in a state this build has verified (checked in {ElapsedMs:0} ms); verifying it in full")]
    private static partial void LogNotVerified(ILogger logger, double elapsedMs);
}
