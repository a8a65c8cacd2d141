using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.Data.Schema;

/// <summary>The answer to "can this build's code run on this database?"; <see cref="Problems"/> names each reason it cannot.</summary>
public sealed record DatabaseSchemaStatus(bool IsCurrent, IReadOnlyList<string> Problems, DateTimeOffset CheckedAt);

/// <summary>
/// The check a long-running app (the Api's readiness) repeats on an interval: cheap when nothing changed. Each call
/// first reads the database's fingerprint (scalar queries, no EF Core model); the full <see cref="DatabaseSchemaVerifier"/>
/// runs only for a fingerprint this process has not judged yet and that the worker has not stamped for this build.
/// A singleton: the last verdict is kept with the fingerprint it was reached on.
/// </summary>
public sealed class DatabaseSchemaCheck(
    IServiceScopeFactory scopes,
    NpgsqlDataSource dataSource,
    IOptions<SchemaDriftOptions> driftOptions,
    TimeProvider timeProvider) : IDisposable
{
    private readonly string _buildKey = SchemaVerificationStamp.BuildKey(driftOptions.Value);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private (string Fingerprint, DatabaseSchemaStatus Status)? _judged;

    public async Task<DatabaseSchemaStatus> CheckAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var now = timeProvider.GetUtcNow();
            var state = await SchemaVerificationStamp.ReadAsync(dataSource, _buildKey, cancellationToken);
            if (_judged is { } judged && judged.Fingerprint == state.Fingerprint)
            {
                return judged.Status with { CheckedAt = now };
            }

            DatabaseSchemaStatus status;
            if (state.VerifiedAt is not null)
            {
                status = new DatabaseSchemaStatus(true, [], now);
            }
            else
            {
                await using var scope = scopes.CreateAsyncScope();
                var verification = await scope.ServiceProvider.GetRequiredService<DatabaseSchemaVerifier>().VerifyAsync(cancellationToken);
                status = new DatabaseSchemaStatus(verification.IsCurrent, verification.Problems, now);
            }

            _judged = (state.Fingerprint, status);
            return status;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public void Dispose() => _oneAtATime.Dispose();
}
