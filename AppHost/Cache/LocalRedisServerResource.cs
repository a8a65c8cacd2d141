using System.Globalization;

namespace Marketplace.AppHost.Cache;

/// <summary>The machine's own redis-server, run by the orchestrator like any executable.</summary>
public sealed class LocalRedisServerResource(string name, LocalRedisServer server, ParameterResource password)
    : ExecutableResource(name, server.Program, server.Folder), IResourceWithConnectionString
{
    public LocalRedisServer Server { get; } = server;

    public ParameterResource PasswordParameter { get; } = password;

    /// <summary>StackExchange.Redis's form, as Aspire's Redis resource gives it.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"127.0.0.1:{Server.Port.ToString(CultureInfo.InvariantCulture)},password={PasswordParameter}");
}
