using Marketplace.Tests.Support;

namespace Marketplace.Tests.Worker;

/// <summary>The worker as a real process: what an orchestrator or a user's script sees.</summary>
public sealed class CommandLineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_connection_string_it_says_how_to_provide_one_and_exits_2()
    {
        var result = await WorkerRunner.RunProcessAsync(new Dictionary<string, string?>(), [], Ct);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ConnectionStrings:marketplacedb", result.Error, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__marketplacedb", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var result = await WorkerRunner.RunProcessAsync(new Dictionary<string, string?>(), ["--help"], Ct);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("migrate", result.Output, StringComparison.Ordinal);
        Assert.Contains("status", result.Output, StringComparison.Ordinal);
        Assert.Contains("baseline", result.Output, StringComparison.Ordinal);
        Assert.Contains("script", result.Output, StringComparison.Ordinal);
        Assert.Contains("5 schema drift", result.Output, StringComparison.Ordinal);
        Assert.Contains("130 cancelled", result.Output, StringComparison.Ordinal);
        Assert.Contains("seed-demo", result.Output, StringComparison.Ordinal);
        Assert.Contains("9 the Api unreachable or refusing (seed-demo)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var result = await WorkerRunner.RunProcessAsync(new Dictionary<string, string?>(), ["migrat"], Ct);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--help", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_setting_is_named_and_exits_2()
    {
        var result = await WorkerRunner.RunProcessAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__marketplacedb"] = "Host=127.0.0.1;Port=1;Database=x;Username=postgres",
            ["MigrationWorker__BackfillBatchSize"] = "0",
        }, [], Ct);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            ["error: Invalid configuration: MigrationWorker:BackfillBatchSize must be between 1 and 100000."],
            result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task A_failure_is_said_once_in_one_paragraph_with_its_exit_code()
    {
        var result = await WorkerRunner.RunProcessAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__marketplacedb"] = "Host=127.0.0.1;Port=1;Database=x;Username=postgres",
            ["MigrationWorker__DatabaseWaitTimeout"] = "00:00:01",
        }, [], Ct);

        Assert.Equal(3, result.ExitCode);
        var errors = result.Error.Split('\n').Where(line => line.Contains("did not accept a connection", StringComparison.Ordinal)).ToList();
        Assert.StartsWith("error: PostgreSQL at 127.0.0.1:1 (database 'x') did not accept a connection", Assert.Single(errors), StringComparison.Ordinal);
        Assert.DoesNotContain("fail:", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_json_that_cannot_run_still_writes_one_JSON_document_with_the_exit_code_and_the_error()
    {
        var result = await WorkerRunner.RunProcessAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__marketplacedb"] = "Host=127.0.0.1;Port=1;Database=x;Username=postgres",
            ["MigrationWorker__DatabaseWaitTimeout"] = "00:00:01",
        }, ["status", "--json"], Ct);

        Assert.Equal(3, result.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(result.Output);
        Assert.Equal(3, json.RootElement.GetProperty("exitCode").GetInt32());
        Assert.StartsWith("PostgreSQL at 127.0.0.1:1 (database 'x') did not accept a connection", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_json_without_a_connection_string_says_so_in_JSON_too()
    {
        var result = await WorkerRunner.RunProcessAsync(new Dictionary<string, string?>(), ["status", "--json"], Ct);

        Assert.Equal(2, result.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(result.Output);
        Assert.Contains("ConnectionStrings__marketplacedb", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
