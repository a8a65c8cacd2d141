using Marketplace.AppHost.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.AppHost.Demo;

/// <summary>
/// The worker's Load demo marketplace command: runs the worker's <c>seed-demo</c> against the Api, so that a newcomer
/// who starts the AppHost browses a marketplace rather than an empty page. The worker has neither image processing nor
/// blob storage, so it loads listings and photos through the Api; the Api's address is read from its endpoint when the
/// command runs, rather than given to the worker resource, because the Api waits for the worker's completion and a
/// reference the other way would make the worker wait for the Api.
/// </summary>
public static class DemoMarketplaceCommandBuilderExtensions
{
    public const string SeedDemoCommand = "seed-demo";

    // Two hundred listings and their photos, each processed by the Api: minutes, on a busy laptop more.
    private static readonly TimeSpan SeedTimeout = TimeSpan.FromMinutes(30);

    private static readonly TimeSpan ApiReadyWait = TimeSpan.FromSeconds(10);

    public static IResourceBuilder<ProjectResource> WithSeedDemoCommand(this IResourceBuilder<ProjectResource> worker, IResourceBuilder<ProjectResource> api)
    {
        var runner = new WorkerCommandRunner(worker.Resource);
        var endpoint = api.GetEndpoint("http");
        worker.WithCommand(SeedDemoCommand, "Load demo marketplace", context => SeedAsync(context, runner, api.Resource, endpoint), new CommandOptions
        {
            Description = "Development only: twenty sellers and two hundred listings with photos across the categories, loaded through the Api " +
                          "as sellers would (a few minutes). A second run adds nothing. The result shows one seller's email and password to sign in with.",
            IconName = "BuildingShop",
            UpdateState = context => context.ResourceSnapshot.State?.Text is { } state
                && (state == KnownResourceStates.Running || state == KnownResourceStates.Starting || state == KnownResourceStates.Waiting)
                    ? ResourceCommandState.Disabled
                    : ResourceCommandState.Enabled,
        });
        return worker;
    }

    private static async Task<ExecuteCommandResult> SeedAsync(ExecuteCommandContext context, WorkerCommandRunner runner, ProjectResource api, EndpointReference endpoint)
    {
        var notifications = context.Services.GetRequiredService<ResourceNotificationService>();
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken))
        {
            wait.CancelAfter(ApiReadyWait);
            try
            {
                await notifications.WaitForResourceHealthyAsync(api.Name, wait.Token);
            }
            catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
            {
                return CommandResults.Failure("The Api is not running and healthy, and the demo is loaded through it: wait until the api resource is healthy (it starts after the migration worker), then try again.");
            }
        }

        // --show-password: the sign-in goes to the result the developer asked for; the worker never logs it.
        var result = await runner.RunAsync(context, [SeedDemoCommand, "--api", endpoint.Url, "--show-password"], SeedTimeout);
        if (result.ExitCode != 0)
        {
            return CommandResults.Failure($"The worker's seed-demo exited {result.ExitCode}: {ErrorOf(result)}");
        }

        var report = result.Output.Trim();
        var verdict = report.Split('\n', 2)[0].Trim();
        return CommandResults.Success(verdict, report, CommandResultFormat.Markdown);
    }

    /// <summary>The worker's one-paragraph error (its "error:" line), not the log lines it also wrote to stderr.</summary>
    private static string ErrorOf(WorkerCommandRunner.Result result) =>
        result.Error.Split('\n').LastOrDefault(line => line.StartsWith("error: ", StringComparison.Ordinal)) is { } line
            ? line["error: ".Length..].Trim()
            : (string.IsNullOrWhiteSpace(result.Error) ? result.Output : result.Error).Trim();
}
