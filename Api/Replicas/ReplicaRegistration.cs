using StackExchange.Redis;

namespace Marketplace.Api.Replicas;

public static class ReplicaRegistration
{
    /// <summary>The connection's name: <c>ConnectionStrings:cache</c>, what the AppHost's Redis resource hands over.</summary>
    public const string ConnectionName = "cache";

    /// <summary>
    /// Redis through Aspire's client (<c>AddRedisClient("cache")</c>) when <c>ConnectionStrings:cache</c> is set, the
    /// replica count, the messages between replicas and Redis in <c>/health</c>. Commands fail fast while the connection
    /// is down (no backlog), so an outage turns into each replica's own limits at once rather than a wait per request;
    /// the client reconnects by itself.
    /// </summary>
    public static IHostApplicationBuilder AddReplicas(this IHostApplicationBuilder builder)
    {
        var configured = !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ConnectionName));
        builder.Services.AddOptions<ReplicaOptions>()
            .BindConfiguration(ReplicaOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(replicas => configured || replicas.Api == 1,
                $"Replicas:Api is more than 1 but ConnectionStrings:{ConnectionName} is not set: replicas share their rate limits and evictions through Redis.")
            .ValidateOnStart();

        if (configured)
        {
            // Aspire's own check would make /health Unhealthy and take every replica out of rotation in an outage.
            builder.AddRedisClient(ConnectionName, settings => settings.DisableHealthChecks = true, options =>
            {
                options.AbortOnConnectFail = false;
                options.BacklogPolicy = BacklogPolicy.FailFast;
                options.ConnectTimeout = 2000;
                options.SyncTimeout = 2000;
                options.AsyncTimeout = 2000;
                options.ReconnectRetryPolicy = new ExponentialRetry(500, 5000);
            });
            builder.Services.AddHealthChecks().AddCheck<SharedStateHealthCheck>(SharedStateHealthCheck.Name, tags: ["ready"]);
        }

        builder.Services.AddSingleton<SharedState>();
        builder.Services.AddSingleton<ReplicaMessages>();
        builder.Services.AddHostedService<ReplicaEvictions>();
        return builder;
    }
}
