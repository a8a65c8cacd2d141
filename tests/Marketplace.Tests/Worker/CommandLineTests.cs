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
        Assert.Contains("MigrationWorker:BackfillBatchSize", result.Error, StringComparison.Ordinal);
    }
}
