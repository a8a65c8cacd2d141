using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Marketplace.AppHost.Database;

public static class LocalPostgresBuilderExtensions
{
    /// <summary>
    /// Runs <paramref name="instance"/> as a resource: the orchestrator starts the server, the dashboard shows its log and
    /// health, and when the AppHost stops the server gets a fast shutdown before the orchestrator tears anything down.
    /// </summary>
    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, string name, LocalPostgresInstance instance)
    {
        var password = builder.AddParameter($"{name}-password", instance.Password, secret: true);
        var (command, arguments) = instance.User.ForServer(instance.Binaries.Program("postgres"), instance.ServerArguments());
        var server = new LocalPostgresServerResource(name, command, instance, password.Resource);

        // As the client would connect, naming the user and the database: a probe without them logs
        // 'role "root" does not exist' on every try.
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().AddNpgSql(
            $"Host=127.0.0.1;Port={instance.Port};Username={LocalPostgresInstance.SuperUser};Password={instance.Password};Database=postgres;Timeout=5",
            name: healthCheck);

        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            // ApplicationStopping runs before the orchestrator stops its resources, so the server shuts down cleanly
            // while nothing else is yet being killed; the orchestrator then finds it already exited.
            e.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => instance.Stop());
            return Task.CompletedTask;
        });

        return builder.AddResource(server)
            .WithArgs([.. arguments])
            .WithEndpoint(port: instance.Port, targetPort: instance.Port, scheme: "tcp", name: "tcp", isProxied: false)
            .WithHealthCheck(healthCheck)
            .WithIconName("Database")
            .ExcludeFromManifest();
    }

    /// <summary>A database on the local server, Running once the server answers; the connection resource projects reference.</summary>
    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<LocalPostgresServerResource> server, string name, string? databaseName = null)
    {
        var builder = server.ApplicationBuilder;
        var database = builder.AddResource(new LocalPostgresDatabaseResource(name, databaseName ?? name, server.Resource))
            .WithParentRelationship(server)
            .WithIconName("Database")
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                Properties = [],
                State = KnownResourceStates.NotStarted,
            })
            .ExcludeFromManifest();

        builder.Eventing.Subscribe<ResourceReadyEvent>(server.Resource, (e, _) =>
            e.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(database.Resource, snapshot => snapshot with
            {
                State = KnownResourceStates.Running,
            }));
        builder.Eventing.Subscribe<ResourceStoppedEvent>(server.Resource, (e, _) =>
            e.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(database.Resource, snapshot => snapshot with
            {
                State = KnownResourceStates.Exited,
            }));

        return database;
    }
}
