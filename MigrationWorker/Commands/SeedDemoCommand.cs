using System.CommandLine;
using Marketplace.MigrationWorker.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Marketplace.MigrationWorker.Commands;

/// <summary>
/// <c>seed-demo --api</c>: loads a demo marketplace into a development database, for a first look that is not an empty
/// page. The worker has neither image processing nor blob storage, so listings and photos go through the Api at
/// <c>--api</c>, as a seller's would. Refused outside Development.
/// </summary>
public static class SeedDemoCommand
{
    public static Command Create(WorkerInvocation invocation)
    {
        var api = new Option<string>("--api")
        {
            Description = "The base URL of the Api that serves this database, such as http://localhost:5080.",
            HelpName = "url",
            Required = true,
        };
        var showPassword = new Option<bool>("--show-password")
        {
            Description = "Print one demo seller's email and the password this run gave it, to sign in with (never logged).",
        };
        var command = new Command("seed-demo",
            $"Load a demo marketplace for development: {DemoCatalog.Sellers.Count} sellers (addresses @{DemoCatalog.EmailDomain}, verified, random passwords), " +
            $"subcategories under the base categories, and {DemoPlan.Listings.Count} listings with generated photos, created through the Api's own " +
            "operations (validation, image processing, blob storage). What exists is kept: a second run adds nothing and says so. " +
            "Only in the Development environment (DOTNET_ENVIRONMENT); elsewhere exit code 2 and nothing changes. Exit code 9 when the Api " +
            "cannot be reached or refuses a request.")
        {
            Options = { api, showPassword },
        };
        command.SetAction((parseResult, cancellationToken) => WorkerHost.RunAsync(
            invocation,
            (services, ct) => RunAsync(invocation, services, parseResult.GetValue(api)!, parseResult.GetValue(showPassword), ct),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(WorkerInvocation invocation, IServiceProvider services, string apiAddress, bool showPassword, CancellationToken cancellationToken)
    {
        var environment = services.GetRequiredService<IHostEnvironment>();
        if (!environment.IsDevelopment())
        {
            throw new WorkerFailedException(ExitCodes.UsageOrConfiguration,
                $"seed-demo runs only in the Development environment, and this worker runs in {environment.EnvironmentName}: it creates " +
                $"{DemoCatalog.Sellers.Count} accounts and {DemoPlan.Listings.Count} listings that nobody real owns, which belong in a development " +
                "database only. Nothing was changed. To load the demo, run the worker with DOTNET_ENVIRONMENT=Development against a development " +
                "database and its Api, or use the worker's Load demo marketplace command on the AppHost's dashboard.");
        }

        if (!Uri.TryCreate(apiAddress, UriKind.Absolute, out var api) || api.Scheme is not ("http" or "https"))
        {
            throw new WorkerFailedException(ExitCodes.UsageOrConfiguration,
                $"--api must be the Api's absolute http or https address, such as http://localhost:5080; '{apiAddress}' is not. Nothing was changed.");
        }

        // The operations' paths are relative to the Api's base address, which must then end in a slash.
        api = new Uri(api.AbsoluteUri.TrimEnd('/') + "/");
        var report = await services.GetRequiredService<DemoMarketplaceSeeder>().SeedAsync(api, showPassword, cancellationToken);
        await invocation.Output.WriteAsync(report.ToString());
        return ExitCodes.Success;
    }
}
