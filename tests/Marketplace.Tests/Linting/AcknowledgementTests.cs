using Marketplace.SchemaGuard.Linting;
using Marketplace.Tests.Linting.Corpus;
using static Marketplace.Tests.Linting.CorpusLinter;

namespace Marketplace.Tests.Linting;

public sealed class AcknowledgementTests
{
    [Fact]
    public void An_acknowledged_finding_is_still_reported_marked_with_its_reason_and_does_not_block()
    {
        var findings = Findings<DropListingLegacyAcknowledged>(LintRuleIds.DropColumn);

        var legacy = Assert.Single(findings, f => f.Target.ToString() == "Listing.Legacy");
        Assert.Equal(LintSeverity.Error, legacy.Severity);
        Assert.True(legacy.IsAcknowledged);
        Assert.Equal("Unread since release 12 and backed up on 2024-06-30.", legacy.AcknowledgedReason);
        Assert.False(legacy.IsBlocking);
    }

    [Fact]
    public void An_acknowledgement_covers_only_its_own_rule_and_target()
    {
        var title = Assert.Single(Findings<DropListingLegacyAcknowledged>(LintRuleIds.DropColumn), f => f.Target.ToString() == "Listing.Title");

        Assert.False(title.IsAcknowledged);
        Assert.True(title.IsBlocking);
    }

    [Fact]
    public void An_acknowledgement_that_matches_nothing_is_reported_as_stale()
    {
        var stale = Findings<StaleAcknowledgements>(LintRuleIds.StaleAcknowledgement);

        Assert.Equal(["Listing.Legacy", "Listing.Title"], stale.Select(f => f.Target.ToString()).Order());
        Assert.All(stale, f => Assert.Equal(LintSeverity.Warning, f.Severity));
        Assert.Contains(stale, f => f.Message.Contains("'drop-colum' is not a rule id", StringComparison.Ordinal));
        // The third attribute matches despite its case, so the drop itself is acknowledged.
        Assert.True(Single<StaleAcknowledgements>(LintRuleIds.DropColumn).IsAcknowledged);
    }

    [Fact]
    public void An_acknowledgement_with_a_blank_reason_is_an_error_and_acknowledges_nothing()
    {
        Assert.Equal(LintSeverity.Error, Single<BlankAcknowledgement>(LintRuleIds.InvalidAcknowledgement).Severity);
        Assert.True(Single<BlankAcknowledgement>(LintRuleIds.DropColumn).IsBlocking);
    }
}
