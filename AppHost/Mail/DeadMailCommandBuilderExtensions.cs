using System.Globalization;
using System.Text;
using System.Text.Json;
using Marketplace.AppHost.Schema;

namespace Marketplace.AppHost.Mail;

/// <summary>
/// The dashboard's "Dead mail" command on the migration worker: the worker's <c>dead-mail --json</c>, run as its own
/// short process with the worker's connection string, told as a one-line verdict and a Markdown list of the mails the
/// Api's outbox gave up on (recipient, attempts, last failure). It fails (red) while there is any.
/// </summary>
public static class DeadMailCommandBuilderExtensions
{
    public const string DeadMailCommand = "mail-dead-letters";

    public static IResourceBuilder<ProjectResource> WithDeadMailCommand(this IResourceBuilder<ProjectResource> worker)
    {
        var runner = new WorkerCommandRunner(worker.Resource);
        return worker.WithCommand(DeadMailCommand, "Dead mail", context => ListAsync(context, runner), new CommandOptions
        {
            Description = "Mails the Api gave up on after its retries (or that the mail server refused for good), with each one's recipient and last failure: the worker's dead-mail command.",
            IconName = "MailError",
        });
    }

    private static async Task<ExecuteCommandResult> ListAsync(ExecuteCommandContext context, WorkerCommandRunner runner)
    {
        var result = await runner.RunAsync(context, ["dead-mail", "--json"]);
        if (result.ExitCode != 0)
        {
            return CommandResults.Failure(
                $"The worker's dead-mail command exited {result.ExitCode}: {(string.IsNullOrWhiteSpace(result.Error) ? result.Output : result.Error).Trim()}");
        }

        using var report = JsonDocument.Parse(result.Output);
        var mails = report.RootElement.GetProperty("deadMails").EnumerateArray().ToList();
        if (mails.Count == 0)
        {
            return CommandResults.Success("No dead mail: every mail was sent, dropped on purpose, or is still being tried.");
        }

        var verdict = $"{mails.Count} dead mail{(mails.Count == 1 ? "" : "s")}: the Api gave up on {(mails.Count == 1 ? "it" : "them")} after its retries.";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"**{verdict}**");
        text.AppendLine();
        text.AppendLine("| given up | kind | to | attempts | last failure |");
        text.AppendLine("| --- | --- | --- | ---: | --- |");
        foreach (var mail in mails)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {Cell(mail, "deadAt")} | {Cell(mail, "kind")} | {Cell(mail, "to")} | {Cell(mail, "attempts")} | {Cell(mail, "detail")} |");
        }

        return CommandResults.Failure(verdict, text.ToString(), CommandResultFormat.Markdown);
    }

    private static string Cell(JsonElement mail, string name) =>
        mail.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ToString().Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ")
            : "";
}
