using Marketplace.AppHost.Mail;
using Marketplace.AppHost.Tests.Support;

namespace Marketplace.AppHost.Tests;

/// <summary>The dashboard's Dead mail command on the migration worker: the worker's dead-mail, against the app's own database.</summary>
[Collection(LocalBinariesAppGroup.Name)]
public sealed class DeadMailCommandTests(LocalBinariesApp fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_dashboards_dead_mail_command_reads_the_outbox_of_the_apps_database_and_finds_none_given_up_on()
    {
        fixture.SkipUnlessRunning();
        await fixture.App.WaitForTerminalAsync("migrationworker", Ct);

        var result = await fixture.App.ResourceCommands.ExecuteCommandAsync("migrationworker", DeadMailCommandBuilderExtensions.DeadMailCommand, Ct);

        Assert.True(result.Success, result.Message);
        Assert.StartsWith("No dead mail:", result.Message, StringComparison.Ordinal);
    }
}
