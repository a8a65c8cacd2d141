namespace Marketplace.AppHost.Storage;

/// <summary>Azurite's blob service run from npm with this machine's Node.js, by the orchestrator like any executable.</summary>
public sealed class AzuriteResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public ReferenceExpression ConnectionStringExpression =>
        AzuriteAccount.ConnectionString(new EndpointReference(this, AzuriteAccount.EndpointName));
}
