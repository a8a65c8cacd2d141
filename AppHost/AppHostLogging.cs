using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.AppHost;

public static partial class AppHostLogging
{
    /// <summary>Logs <paramref name="message"/> on the AppHost's console as the app starts (what it chose, and why).</summary>
    public static void LogAtStart(this IDistributedApplicationBuilder builder, string message) =>
        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            LogChoice(e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Marketplace.AppHost"), message);
            return Task.CompletedTask;
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "{Choice}")]
    private static partial void LogChoice(ILogger logger, string choice);
}
