using Marketplace.SchemaGuard.Drift;
using Marketplace.SchemaGuard.History;
using Marketplace.SchemaGuard.Verification;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.SchemaGuard;

/// <summary>
/// The DbContext type whose database the guard watches, and what can be known of it without creating it or building its
/// model: its migration ids, this build's stamp key, and the stamp reading of a database.
/// </summary>
public sealed class GuardedContext(Type contextType, IOptions<SchemaDriftOptions> driftOptions)
{
    private readonly Lazy<string> _buildKey = new(() => SchemaStamp.BuildKey(contextType.Assembly, driftOptions.Value));

    public Type ContextType { get; } = contextType;

    /// <summary>The migrations compiled into this build, in the order EF Core applies them.</summary>
    public IReadOnlyList<string> MigrationIds => CompiledMigrations.Of(ContextType);

    /// <summary>This build's key in the stamp table (<see cref="SchemaStamp.BuildKey"/>).</summary>
    public string BuildKey => _buildKey.Value;

    /// <summary>The database's fingerprint, history and this build's stamp for it, in one round trip (<see cref="SchemaStamp.ReadAsync"/>).</summary>
    public Task<StampReading> ReadStampAsync(NpgsqlDataSource dataSource, string? callerCheckSql, CancellationToken cancellationToken) =>
        SchemaStamp.ReadAsync(dataSource, BuildKey, callerCheckSql, cancellationToken);
}
