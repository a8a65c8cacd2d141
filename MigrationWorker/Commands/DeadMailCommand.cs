using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Marketplace.Data.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Marketplace.MigrationWorker.Commands;

/// <summary>
/// <c>dead-mail</c>: the mails the Api's outbox gave up on (their retry budget spent, or refused for good by the SMTP
/// server) and not yet purged, most recent first, each with its recipient, attempts and last failure. Reads only. The
/// dashboard runs it as the worker's "Dead mail" command.
/// </summary>
public static class DeadMailCommand
{
    public static Command Create(WorkerInvocation invocation)
    {
        var json = new Option<bool>("--json") { Description = "Write the list as JSON on stdout, for machines (also when it cannot run)." };
        var command = new Command("dead-mail",
            "List the mails the Api gave up on (dead-lettered: Outbox:MaxAttempts spent, or refused for good by the mail server), " +
            "most recent first, with each one's recipient, attempts and last failure; they are purged after Outbox:RetainFor. " +
            "Reads only. Exit code 0 when the list was read, whether or not it is empty; 2 configuration; 3 database unreachable; " +
            "5 the database has no outbox yet (migrations pending).")
        {
            Options = { json },
        };
        command.SetAction((parseResult, cancellationToken) => WorkerHost.RunAsync(
            invocation,
            (services, ct) => ListAsync(invocation, services, parseResult.GetValue(json), ct),
            cancellationToken,
            jsonErrors: parseResult.GetValue(json)));
        return command;
    }

    private static async Task<int> ListAsync(WorkerInvocation invocation, IServiceProvider services, bool json, CancellationToken cancellationToken)
    {
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var dead = await OutboxMailTable.ListDeadAsync(dataSource, cancellationToken);
        var database = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        var report = DeadMailReport.From($"{database.Host}:{database.Port}/{database.Database}", dead);
        await invocation.Output.WriteAsync(json
            ? JsonSerializer.Serialize(report, WorkerJson.Readable.GetTypeInfo(typeof(DeadMailReport))) + Environment.NewLine
            : Describe(report));
        return ExitCodes.Success;
    }

    private static string Describe(DeadMailReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Database {report.Database}");
        text.AppendLine();
        if (report.DeadMails.Count == 0)
        {
            text.AppendLine("No dead mail: every mail was sent, dropped on purpose, or is still being tried.");
            return text.ToString();
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Dead mail ({report.DeadMails.Count}), most recent first:");
        foreach (var mail in report.DeadMails)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {mail.DeadAt:yyyy-MM-dd HH:mm:ss}Z  {mail.Kind,-14}  to {mail.To}  after {mail.Attempts} attempt{(mail.Attempts == 1 ? "" : "s")}  (queued {mail.CreatedAt:yyyy-MM-dd HH:mm:ss}Z, id {mail.Id})");
            if (mail.Detail is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"      {mail.Detail}");
            }
        }

        return text.ToString();
    }
}
