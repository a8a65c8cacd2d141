namespace Marketplace.AppHost.Storage;

/// <summary>Azurite's blob service in a container.</summary>
public sealed class AzuriteContainerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    public ReferenceExpression ConnectionStringExpression =>
        AzuriteAccount.ConnectionString(new EndpointReference(this, AzuriteAccount.EndpointName));
}
