using Marketplace.Data;
using Marketplace.SchemaGuard.Linting;
using Marketplace.Tests.Linting.Corpus;
using Marketplace.Tests.Support;

namespace Marketplace.Tests.Linting;

public sealed class MigrationSequenceTests
{
    private static readonly MigrationSequence Sequence =
        MigrationSequence.Of([new HandWrittenNarrowTitle(), new DropListingTitle(), new ListingTableMigration()]);

    [Fact]
    public void Migrations_are_ordered_by_id_and_each_gets_the_previous_target_model()
    {
        var subjects = Sequence.Subjects();

        Assert.Equal(
            ["20240101000000_CreateListing", "20240201000002_DropListingTitle", "20240301000006_HandWrittenNarrowTitle"],
            subjects.Select(s => s.Id));
        Assert.Null(subjects[0].PreviousModel);
        Assert.Same(Sequence.Migrations[0].TargetModel, subjects[1].PreviousModel);
    }

    [Theory]
    [InlineData("DropListingTitle")]
    [InlineData("droplistingtitle")]
    [InlineData("20240201000002_DropListingTitle")]
    public void A_migration_is_found_by_name_or_id(string nameOrId) =>
        Assert.Equal("20240201000002_DropListingTitle", Sequence.FindId(nameOrId));

    [Fact]
    public void An_unknown_migration_is_not_found() => Assert.Null(Sequence.FindId("AddNothing"));

    [Fact]
    public void Since_a_migration_means_only_the_newer_ones_still_judged_against_the_model_before_them()
    {
        var subjects = Sequence.Subjects(sinceId: "20240201000002_DropListingTitle");

        var subject = Assert.Single(subjects);
        Assert.Equal("20240301000006_HandWrittenNarrowTitle", subject.Id);
        Assert.NotNull(subject.PreviousModel);
    }

    [Fact]
    public void The_marketplace_sequence_loads_through_the_design_time_factory_without_a_database()
    {
        var sequence = Db.MigrationSequence();

        Assert.All(MigrationLinter.Lint(sequence.Subjects()).Migrations, m =>
            Assert.StartsWith(MarketplaceDbContextFactory.MigrationsFolder + "/", m.Location, StringComparison.Ordinal));
    }
}
