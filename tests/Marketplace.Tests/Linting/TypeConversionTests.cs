using Marketplace.SchemaGuard.Linting;
using Marketplace.Tests.Support;
using Npgsql;

namespace Marketplace.Tests.Linting;

/// <summary>
/// What <c>alter-column-type</c> says will fail is what PostgreSQL refuses: every pair of a range of built-in types and
/// enums, altered the way EF Core writes it (no USING clause), on a real server.
/// </summary>
public sealed class TypeConversionTests(PostgresServer server)
{
    private static readonly string[] Types =
    [
        "text", "character varying(10)", "character(5)", "smallint", "integer", "bigint", "numeric(12,2)", "real",
        "double precision", "boolean", "uuid", "date", "timestamp without time zone", "timestamp with time zone",
        "time without time zone", "time with time zone", "interval", "json", "jsonb", "bytea", "tsvector", "mood",
        "weather", "text[]", "integer[]", "bigint[]", "mood[]",
    ];

    private static readonly HashSet<string> Enums = ["mood", "weather"];

    [Fact]
    public async Task Converts_without_using_answers_as_PostgreSQL_does_for_every_pair_of_known_types()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await server.CreateDatabaseAsync(ct);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await Execute(connection, "CREATE TYPE mood AS ENUM ('calm', 'cross'); CREATE TYPE weather AS ENUM ('calm', 'storm');", ct);

        var disagreements = new List<string>();
        var refused = 0;
        foreach (var from in Types)
        {
            foreach (var to in Types.Where(t => t != from))
            {
                var postgresConverts = await AltersAsync(connection, from, to, ct);
                refused += postgresConverts ? 0 : 1;
                var said = StoreType.ConvertsWithoutUsing(StoreType.Parse(from)!, StoreType.Parse(to)!, Enums.Contains);
                if (said != postgresConverts)
                {
                    disagreements.Add($"{from} -> {to}: PostgreSQL {(postgresConverts ? "converts" : "refuses")}, the linter says {said?.ToString() ?? "unknown"}");
                }
            }
        }

        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements));
        // Not vacuous: most pairs are refused, and some convert.
        Assert.InRange(refused, Types.Length * 10, Types.Length * (Types.Length - 1) - Types.Length);
    }

    [Fact]
    public void A_type_of_an_extension_or_a_domain_is_not_judged() =>
        Assert.Null(StoreType.ConvertsWithoutUsing(StoreType.Parse("citext")!, StoreType.Parse("integer")!, _ => false));

    private static async Task<bool> AltersAsync(NpgsqlConnection connection, string from, string to, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        try
        {
            await Execute(connection, $"CREATE TABLE probe (value {from}); ALTER TABLE probe ALTER COLUMN value TYPE {to};", ct);
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DatatypeMismatch)
        {
            return false;
        }
        finally
        {
            await transaction.RollbackAsync(ct);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
