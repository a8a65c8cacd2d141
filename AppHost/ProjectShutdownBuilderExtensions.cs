using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Marketplace.AppHost;

public static class ProjectShutdownBuilderExtensions
{
    // The property the orchestrator puts the process id in (Aspire's KnownProperties.Executable.Pid).
    private const string PidProperty = "executable.pid";

    /// <summary>
    /// When the AppHost stops, sends SIGTERM to each running project's launcher so the projects shut down gracefully at
    /// once. The orchestrator runs projects through `dotnet run`, and on Linux and macOS it asks them to stop with SIGINT,
    /// which `dotnet run` does not pass on to the app (a terminal would have sent it to both); each project then sat
    /// there until the orchestrator killed it, about ten seconds after Ctrl+C. SIGTERM `dotnet run` does pass on.
    /// </summary>
    public static IDistributedApplicationBuilder StopProjectsGracefullyOnShutdown(this IDistributedApplicationBuilder builder)
    {
        if (OperatingSystem.IsWindows() || builder.ExecutionContext.IsPublishMode)
        {
            return builder;
        }

        var running = new ConcurrentDictionary<string, int>();
        builder.Eventing.Subscribe<BeforeStartEvent>((e, cancellationToken) =>
        {
            var lifetime = e.Services.GetRequiredService<IHostApplicationLifetime>();
            var notifications = e.Services.GetRequiredService<ResourceNotificationService>();
            _ = Task.Run(async () =>
            {
                try
                {
                    await foreach (var update in notifications.WatchAsync(lifetime.ApplicationStopping))
                    {
                        if (update.Resource is not ProjectResource)
                        {
                            continue;
                        }

                        var pid = update.Snapshot.Properties.FirstOrDefault(p => p.Name == PidProperty)?.Value;
                        if (update.Snapshot.State?.Text == KnownResourceStates.Running && pid is not null
                            && int.TryParse(Convert.ToString(pid, CultureInfo.InvariantCulture), out var id))
                        {
                            running[update.ResourceId] = id;
                        }
                        else
                        {
                            running.TryRemove(update.ResourceId, out _);
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    // The AppHost is stopping: what was collected is what gets signalled.
                }
            }, CancellationToken.None);

            lifetime.ApplicationStopping.Register(() =>
            {
                foreach (var pid in running.Values)
                {
                    using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)])
                    {
                        RedirectStandardError = true,
                        UseShellExecute = false,
                    });
                    kill?.WaitForExit(TimeSpan.FromSeconds(5));
                }
            });
            return Task.CompletedTask;
        });

        return builder;
    }
}
