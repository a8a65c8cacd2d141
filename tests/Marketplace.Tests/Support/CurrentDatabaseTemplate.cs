namespace Marketplace.Tests.Support;

/// <summary>
/// A class fixture: one database brought up to date by the real worker (so it is stamped for this build), for tests to
/// copy as a template, one fresh current database per case in a fraction of a migration's time. The worker also made
/// the Api's login role (<see cref="ApiLogin"/>), which reaches the copies' rows as the Api's role does.
/// </summary>
public sealed class CurrentDatabaseTemplate(PostgresServer server) : IAsyncLifetime
{
    private TestDatabase? _template;

    /// <summary>The Api's role the worker made for the template; a copy's grants are the template's, so it serves the copies too.</summary>
    public ApiLogin ApiLogin => _template?.ApiLogin ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>A copy of the current, stamped database; dropped when disposed.</summary>
    public Task<TestDatabase> CopyAsync(CancellationToken cancellationToken) =>
        server.CreateDatabaseAsync(_template?.Name ?? throw new InvalidOperationException("Not initialised."), cancellationToken);

    public async ValueTask InitializeAsync()
    {
        _template = await server.CreateDatabaseAsync();
        var worker = await WorkerRunner.RunAsync(_template.ConnectionString, [], _template.ApiLogin.WorkerSettings);
        Assert.True(worker.ExitCode == 0, worker.ToString());
        // CREATE DATABASE ... TEMPLATE refuses a template anyone is connected to.
        await server.ExecuteAdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_template.Name}'");
    }

    public async ValueTask DisposeAsync()
    {
        if (_template is not null)
        {
            await _template.DisposeAsync();
        }
    }
}
