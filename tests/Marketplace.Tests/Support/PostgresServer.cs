using Npgsql;
using Testcontainers.PostgreSql;

[assembly: AssemblyFixture(typeof(Marketplace.Tests.Support.PostgresServer))]

namespace Marketplace.Tests.Support;

/// <summary>
/// The one PostgreSQL server the tests use, found in this order: the connection string in
/// MARKETPLACE_TEST_POSTGRES; a Testcontainers container when a Docker engine answers; the machine's
/// PostgreSQL binaries (initdb, pg_ctl) in a temporary folder on a free loopback port. Each test gets its
/// own database from <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "MARKETPLACE_TEST_POSTGRES";

    private PostgreSqlContainer? _container;
    private LocalPostgres? _local;

    /// <summary>A connection string for a superuser on the server, pointing at the <c>postgres</c> database.</summary>
    public string AdminConnectionString { get; private set; } = "";

    /// <summary>How the server was provided, for failure messages.</summary>
    public string Source { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            AdminConnectionString = new NpgsqlConnectionStringBuilder(fromEnvironment) { Database = "postgres" }.ConnectionString;
            Source = EnvironmentVariable;
            return;
        }

        if (DockerMayAnswer())
        {
            try
            {
                _container = new PostgreSqlBuilder("postgres:15-alpine").Build();
                await _container.StartAsync();
                AdminConnectionString = new NpgsqlConnectionStringBuilder(_container.GetConnectionString()) { Database = "postgres" }.ConnectionString;
                Source = "Testcontainers";
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                if (_container is not null)
                {
                    await _container.DisposeAsync();
                }

                _container = null;
            }
        }

        _local = await LocalPostgres.TryStartAsync() ?? throw new InvalidOperationException(
            "The tests need a PostgreSQL server and found none. Provide one of: the environment variable " +
            $"{EnvironmentVariable} with a superuser connection string (e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=...); " +
            "a running Docker engine (Testcontainers starts postgres:15-alpine); or PostgreSQL's server binaries " +
            "(initdb, pg_ctl, postgres) on PATH or under /usr/lib/postgresql/<version>/bin, e.g. Debian's postgresql package.");
        AdminConnectionString = _local.ConnectionString;
        Source = $"local binaries in {_local.BinDirectory}";
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }

        _local?.Dispose();
    }

    /// <summary>Creates a database for one test, empty or a copy of <paramref name="template"/>; it is dropped when disposed.</summary>
    /// <param name="template">A database to copy (PostgreSQL's CREATE DATABASE ... TEMPLATE); nobody may be connected to it.</param>
    public Task<TestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken = default) => CreateDatabaseAsync(template: null, cancellationToken);

    /// <inheritdoc cref="CreateDatabaseAsync(CancellationToken)"/>
    public async Task<TestDatabase> CreateDatabaseAsync(string? template, CancellationToken cancellationToken = default)
    {
        var name = "mkt_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAdminAsync($"CREATE DATABASE \"{name}\"{(template is null ? "" : $" TEMPLATE \"{template}\"")}", cancellationToken);
        var connectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
        return new TestDatabase(this, name, connectionString);
    }

    internal async Task ExecuteAdminAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static bool DockerMayAnswer() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST"))
        || File.Exists("/var/run/docker.sock")
        || OperatingSystem.IsWindows();
}

/// <summary>One test's own database.</summary>
public sealed class TestDatabase(PostgresServer server, string name, string connectionString) : IAsyncDisposable
{
    public string Name { get; } = name;

    /// <summary>As the superuser, who owns what the worker creates (the worker's own connection).</summary>
    public string ConnectionString { get; } = connectionString;

    public PostgresServer Server { get; } = server;

    /// <summary>
    /// The Api's login role for this database, made by the worker when given <see cref="Support.ApiLogin.WorkerSettings"/>:
    /// a name of this database's own (roles belong to the server, which the tests share), dropped with the database.
    /// </summary>
    public ApiLogin ApiLogin => new("api_" + Name, "api-password-" + Name);

    /// <summary>This database's connection string as <see cref="ApiLogin"/>.</summary>
    public string ApiConnectionString => ApiLogin.ConnectionStringTo(ConnectionString);

    public async ValueTask DisposeAsync()
    {
        await Server.ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
        await Server.ExecuteAdminAsync($"DROP ROLE IF EXISTS \"{ApiLogin.Name}\"");
    }
}
