using Marketplace.Data;
using Marketplace.SchemaGuard;
using Marketplace.SchemaGuard.History;
using Marketplace.SchemaGuard.Verification;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.MigrationWorker.Steps;

/// <summary>
/// The Api's way into the database, on every <c>migrate</c> that reaches the latest migration (a run with nothing else
/// to do too, so that a changed password or a new server takes effect): the schema guard's own tables read-only to
/// <see cref="RowRole"/>, and the login role named by <c>ApiDatabaseRole</c> created or updated (its password, LOGIN,
/// INHERIT) and made a member of it. A role that could do more than rows (a superuser, one with CREATEROLE or CREATEDB,
/// an owner of anything in the database, or a member of such a role) is refused, never reduced: it may serve others.
/// </summary>
public sealed partial class ApiLoginRole(NpgsqlDataSource dataSource, IOptions<ApiDatabaseRoleOptions> options, ILogger<ApiLoginRole> logger)
{
    /// <summary>Roles belong to the server, so workers of other databases may change the same role at the same moment.</summary>
    private const int Attempts = 3;

    // The migration grants row rights on every table, and default privileges give them to every table created later,
    // the stamp's too: the Api reads the guard's tables (readiness) and only the worker may write them.
    private static readonly string GuardTablesReadOnlySql = $$"""
        DO $guard$
        DECLARE
            guard_table text;
        BEGIN
            FOREACH guard_table IN ARRAY ARRAY['{{MigrationHistoryTable.Name}}', '{{MigrationHistoryTable.ChecksumTableName}}', '{{SchemaStamp.TableName}}'] LOOP
                IF to_regclass(quote_ident(guard_table)) IS NOT NULL
                   AND has_table_privilege('{{RowRole.Name}}', quote_ident(guard_table), 'INSERT, UPDATE, DELETE, TRUNCATE') THEN
                    EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON TABLE %I FROM {{RowRole.Name}}', guard_table);
                END IF;
            END LOOP;
        END
        $guard$
        """;

    // What the role could do beyond rows, through its own attributes or any role it may become (a role is its own member).
    private const string InspectSql = $"""
        SELECT
            EXISTS (SELECT 1 FROM pg_catalog.pg_roles s WHERE pg_catalog.pg_has_role(r.oid, s.oid, 'MEMBER')
                    AND (s.rolsuper OR s.rolcreaterole OR s.rolcreatedb OR s.rolreplication OR s.rolbypassrls)),
            EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\_%' AND pg_catalog.pg_has_role(r.oid, c.relowner, 'MEMBER'))
            OR EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n
                    WHERE n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\_%' AND pg_catalog.pg_has_role(r.oid, n.nspowner, 'MEMBER'))
            OR EXISTS (SELECT 1 FROM pg_catalog.pg_database d WHERE d.datname = current_database() AND pg_catalog.pg_has_role(r.oid, d.datdba, 'MEMBER')),
            pg_catalog.pg_has_role(r.oid, '{RowRole.Name}', 'MEMBER')
        FROM pg_catalog.pg_roles r WHERE r.rolname = $1
        """;

    public async Task ProvideAsync(CancellationToken cancellationToken)
    {
        using var step = WorkerTelemetry.Step("api-role");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await ExecuteAsync(connection, GuardTablesReadOnlySql, cancellationToken);
            if (options.Value is not { Name: { } name, Password: { } password })
            {
                LogNoLoginRole(logger, RowRole.Name);
                return;
            }

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var created = await CreateOrUpdateAsync(connection, name, password, cancellationToken);
                    step.Activity?.SetTag("marketplace.api_role.created", created);
                    LogProvided(logger, name, created ? "created" : "updated", RowRole.Name, step.Elapsed.TotalMilliseconds);
                    return;
                }
                catch (PostgresException ex) when (attempt < Attempts && IsConcurrentRoleChange(ex))
                {
                    LogConcurrentChange(logger, name, ex.MessageText);
                }
            }
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege)
        {
            step.Fail(ex);
            throw new WorkerFailedException(ExitCodes.UsageOrConfiguration,
                $"The worker's database user may not set up the Api's role ({ex.MessageText}). It needs CREATEROLE, and on PostgreSQL 16 and later " +
                $"ADMIN OPTION on {RowRole.Name} (the user that ran the migration AddRowRole has it). Give it that, or create the Api's login role " +
                $"yourself as a member of {RowRole.Name} and leave {ApiDatabaseRoleOptions.SectionName}:Name unset.", ex);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UndefinedObject)
        {
            step.Fail(ex);
            throw new WorkerFailedException(ExitCodes.SchemaDrift,
                $"The role {RowRole.Name}, which the migration AddRowRole creates, is missing from this server ({ex.MessageText}); it was dropped after " +
                $"the migration ran. Create it again (CREATE ROLE {RowRole.Name} NOLOGIN) and revert and reapply AddRowRole, or grant it the rights that migration grants.", ex);
        }
    }

    /// <returns>True when the role was created, false when it existed and was updated.</returns>
    private static async Task<bool> CreateOrUpdateAsync(NpgsqlConnection connection, string name, string password, CancellationToken cancellationToken)
    {
        // The name is a validated lower-case identifier, the verifier base64 with '$' and ':': neither can leave its quotes.
        var verifier = ScramVerifier.Create(password);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        (bool Powerful, bool Owner, bool Member)? role = null;
        await using (var inspect = new NpgsqlCommand(InspectSql, connection, transaction) { Parameters = { new NpgsqlParameter { Value = name } } })
        await using (var reader = await inspect.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                role = (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2));
            }
        }

        if (role is { Powerful: true } or { Owner: true })
        {
            throw new WorkerFailedException(ExitCodes.UsageOrConfiguration,
                $"{ApiDatabaseRoleOptions.SectionName}:Name is '{name}', a role that can do more than read and write rows " +
                $"({(role.Value.Powerful ? "it is or may become a superuser, or a role with CREATEROLE, CREATEDB, REPLICATION or BYPASSRLS" : "it owns, or may become the owner of, this database, a schema or a table in it")}). " +
                "The Api's role may only read and write rows, so the worker will not use this one: name a role of the Api's own, which the worker creates.");
        }

        var created = role is null;
        var statement = created
            ? $"CREATE ROLE \"{name}\" WITH LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '{verifier}' IN ROLE {RowRole.Name}"
            : $"ALTER ROLE \"{name}\" WITH LOGIN INHERIT PASSWORD '{verifier}'";
        await ExecuteAsync(connection, statement, cancellationToken, transaction);
        if (role is { Member: false })
        {
            await ExecuteAsync(connection, $"GRANT {RowRole.Name} TO \"{name}\"", cancellationToken, transaction);
        }

        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    /// <summary>Another worker created or changed the role between our look and our change: look again.</summary>
    private static bool IsConcurrentRoleChange(PostgresException exception) => exception.SqlState is
        PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure
        or PostgresErrorCodes.InternalError; // "tuple concurrently updated"

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The Api's database role {Role}: {Outcome}, a member of {RowRole} (rows only) in {ElapsedMs:0} ms")]
    private static partial void LogProvided(ILogger logger, string role, string outcome, string rowRole, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "No ApiDatabaseRole configured: the worker creates no login role for the Api; connect the Api as a member of {RowRole}, which may read and write rows only")]
    private static partial void LogNoLoginRole(ILogger logger, string rowRole);

    [LoggerMessage(Level = LogLevel.Information, Message = "The Api's database role {Role} changed under us ({Reason}); looking again")]
    private static partial void LogConcurrentChange(ILogger logger, string role, string reason);
}
