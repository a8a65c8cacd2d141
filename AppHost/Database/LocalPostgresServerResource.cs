using System.Globalization;

namespace Marketplace.AppHost.Database;

/// <summary>The machine's own PostgreSQL server, run by the orchestrator like any executable.</summary>
public sealed class LocalPostgresServerResource(string name, string command, LocalPostgresInstance instance, ParameterResource password)
    : ExecutableResource(name, command, instance.Folder), IResourceWithConnectionString
{
    public LocalPostgresInstance Instance { get; } = instance;

    public ParameterResource PasswordParameter { get; } = password;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host=127.0.0.1;Port={Instance.Port.ToString(CultureInfo.InvariantCulture)};Username={LocalPostgresInstance.SuperUser};Password={PasswordParameter}");
}
