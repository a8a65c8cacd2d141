using Marketplace.SchemaGuard.Linting;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.Tests.Linting.Corpus;

[Migration("20240701000000_DropListingLegacyAcknowledged")]
[AcknowledgeLint(LintRuleIds.DropColumn, "Listing.Legacy", Reason = "Unread since release 12 and backed up on 2024-06-30.")]
public sealed class DropListingLegacyAcknowledged : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "Legacy", table: "Listing");
        migrationBuilder.DropColumn(name: "Title", table: "Listing");
    }
}

[Migration("20240701000001_StaleAcknowledgements")]
[AcknowledgeLint(LintRuleIds.DropColumn, "Listing.Legacy", Reason = "Nothing here drops Legacy any more.")]
[AcknowledgeLint("drop-colum", "Listing.Title", Reason = "A misspelt rule id.")]
[AcknowledgeLint(LintRuleIds.DropColumn, "listing.title", Reason = "Targets match regardless of case.")]
public sealed class StaleAcknowledgements : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn(name: "Title", table: "Listing");
}

[Migration("20240701000002_BlankAcknowledgement")]
[AcknowledgeLint(LintRuleIds.DropColumn, "Listing.Title", Reason = "  ")]
public sealed class BlankAcknowledgement : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn(name: "Title", table: "Listing");
}
