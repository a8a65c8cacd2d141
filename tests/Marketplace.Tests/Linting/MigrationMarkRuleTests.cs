using Marketplace.SchemaGuard.Linting;
using Marketplace.Tests.Linting.Corpus;
using static Marketplace.Tests.Linting.CorpusLinter;

namespace Marketplace.Tests.Linting;

/// <summary>Lint lists every mark a migration carries with its reason, and points out a mark that matches nothing.</summary>
public sealed class MigrationMarkRuleTests
{
    [Fact]
    public void A_label_marked_not_written_yet_is_listed_as_an_acknowledged_add_enum_label_with_the_marks_reason()
    {
        var finding = Single<AddListingStatusReservedNotWrittenYet>(LintRuleIds.AddEnumLabel);

        Assert.Equal("listing_status.reserved", finding.Target.ToString());
        Assert.Equal("Release 2024.32 reads 'reserved'; 2024.33 starts writing it.", finding.AcknowledgedReason);
        Assert.DoesNotContain(Lint<AddListingStatusReservedNotWrittenYet>().Findings, f => f.IsBlocking);
    }

    [Fact]
    public void A_label_mark_for_a_label_the_migration_does_not_add_is_stale_and_leaves_the_added_label_unacknowledged()
    {
        Assert.Equal("listing_status.reserved", Single<StaleEnumLabelMark>(LintRuleIds.StaleAcknowledgement).Target.ToString());
        Assert.True(Single<StaleEnumLabelMark>(LintRuleIds.AddEnumLabel).IsBlocking);
    }

    [Fact]
    public void A_contract_step_is_listed_with_its_reason_and_does_not_stand_in_for_the_drop_columns_own_acknowledgement()
    {
        var result = Lint<DropListingDescriptionContract>();

        var contract = Assert.Single(result.Findings, f => f.RuleId == LintRuleIds.ContractStep);
        Assert.Equal("Listing.Description", contract.Target.ToString());
        Assert.Equal("Release 2024.31 stopped reading and writing Description and runs everywhere.", contract.AcknowledgedReason);
        Assert.Contains("rolling-deploy proof", contract.Message, StringComparison.Ordinal);
        Assert.Equal("Copied to the archive on 2024-07-30; nothing reads it.", Assert.Single(result.Findings, f => f.RuleId == LintRuleIds.DropColumn).AcknowledgedReason);
        Assert.DoesNotContain(result.Findings, f => f.IsBlocking);
    }

    [Fact]
    public void A_contract_step_on_an_object_the_migration_does_not_remove_or_the_previous_model_does_not_map_is_stale()
    {
        var stale = Findings<StaleContractSteps>(LintRuleIds.StaleAcknowledgement);

        Assert.Equal(["Listing.Legacy", "Listing.Title"], stale.Select(f => f.Target.ToString()).Order());
        Assert.Contains(stale, f => f.Message.Contains("neither drops, renames nor alters it", StringComparison.Ordinal));
        Assert.Contains(stale, f => f.Message.Contains("maps no such table or column", StringComparison.Ordinal));
        None<StaleContractSteps>(LintRuleIds.ContractStep);
    }

    [Fact]
    public void Opting_out_of_the_lock_timeout_on_a_blocking_step_is_an_error_acknowledged_by_the_marks_reason()
    {
        var finding = Single<AddListingPriceCheckWithoutLockTimeout>(LintRuleIds.WithoutLockTimeout);

        Assert.Equal((LintSeverity.Error, "lock_timeout"), (finding.Severity, finding.Target.ToString()));
        Assert.Contains("queues behind the migration", finding.Message, StringComparison.Ordinal);
        Assert.Equal("Run by hand in the maintenance window, with the Api stopped.", finding.AcknowledgedReason);
    }

    [Fact]
    public void Opting_out_of_the_lock_timeout_for_a_concurrent_build_alone_is_a_warning() =>
        Assert.Equal(LintSeverity.Warning, Single<IndexListingTitleConcurrentlyWithoutLockTimeout>(LintRuleIds.WithoutLockTimeout).Severity);

    [Fact]
    public void A_mark_with_a_blank_reason_acknowledges_nothing_and_is_an_error()
    {
        Assert.True(Single<WithoutLockTimeoutBlankReason>(LintRuleIds.WithoutLockTimeout).IsBlocking);
        Assert.True(Single<WithoutLockTimeoutBlankReason>(LintRuleIds.InvalidAcknowledgement).IsBlocking);
    }
}
