using System.CommandLine;
using Marketplace.MigrationWorker.Steps;
using Marketplace.SchemaGuard;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.MigrationWorker.Commands;

/// <summary><c>baseline</c>: record every migration as applied on a database made without migrations, if its schema matches.</summary>
public static class BaselineCommand
{
    public static Command Create(WorkerInvocation invocation)
    {
        var command = new Command("baseline",
            "For a database whose schema was made without migrations (EnsureCreated, scripts, a db push): record every migration as applied, " +
            "with its checksum, only if the live schema matches the model. Exit code 5 with the drift report if it does not; " +
            "2 if the database already has a migration history.");
        command.SetAction((_, cancellationToken) => WorkerHost.RunAsync(invocation, async (services, ct) =>
        {
            await services.GetRequiredService<DatabaseWaiter>().WaitAsync(ct);
            await using (await services.GetRequiredService<MigrationLock>().AcquireAsync(ct))
            {
                var count = await services.GetRequiredService<MigrationBaseline>().RecordAsync(ct);
                await invocation.Output.WriteLineAsync(
                    $"Recorded {Plural.Of(count, "migration")} as applied. Run migrate next: it seeds the base categories and verifies the schema.");
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
