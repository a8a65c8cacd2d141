using Marketplace.SchemaGuard.Linting;
using Marketplace.SchemaGuard.MigrationMarks;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.Tests.Linting.Corpus;

// Migrations that carry marks: the first of two releases adding an enum label, a contract step, and no lock timeout.

[Migration("20240801000000_AddListingStatusReservedNotWrittenYet")]
[EnumLabelNotWrittenYet("listing_status", "reserved", Reason = "Release 2024.32 reads 'reserved'; 2024.33 starts writing it.")]
public sealed class AddListingStatusReservedNotWrittenYet : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterDatabase()
            .Annotation("Npgsql:Enum:listing_status", "draft,active,reserved,sold,archived")
            .OldAnnotation("Npgsql:Enum:listing_status", "draft,active,sold,archived");
}

[Migration("20240801000001_StaleEnumLabelMark")]
[EnumLabelNotWrittenYet("listing_status", "reserved", Reason = "The migration adds 'pending' instead.")]
public sealed class StaleEnumLabelMark : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterDatabase()
            .Annotation("Npgsql:Enum:listing_status", "draft,active,sold,archived,pending")
            .OldAnnotation("Npgsql:Enum:listing_status", "draft,active,sold,archived");
}

[Migration("20240801000010_DropListingDescriptionContract")]
[ContractStep("Listing.Description", Reason = "Release 2024.31 stopped reading and writing Description and runs everywhere.")]
[AcknowledgeLint(LintRuleIds.DropColumn, "Listing.Description", Reason = "Copied to the archive on 2024-07-30; nothing reads it.")]
public sealed class DropListingDescriptionContract : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn(name: "Description", table: "Listing");
}

[Migration("20240801000011_StaleContractSteps")]
[ContractStep("Listing.Title", Reason = "Names a column this migration does not touch.")]
[ContractStep("Listing.Legacy", Reason = "Names a column the previous model does not map.")]
[AcknowledgeLint(LintRuleIds.DropColumn, "Listing.Description", Reason = "Copied to the archive on 2024-07-30; nothing reads it.")]
public sealed class StaleContractSteps : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn(name: "Description", table: "Listing");
}

[Migration("20240801000020_AddListingPriceCheckWithoutLockTimeout")]
[WithoutLockTimeout(Reason = "Run by hand in the maintenance window, with the Api stopped.")]
[AcknowledgeLint(LintRuleIds.AddCheckConstraint, "Listing.CK_Listing_Price", Reason = "Run by hand in the maintenance window, with the Api stopped.")]
public sealed class AddListingPriceCheckWithoutLockTimeout : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddCheckConstraint(name: "CK_Listing_Price", table: "Listing", sql: "\"Price\" >= 0");
}

[Migration("20240801000021_IndexListingTitleConcurrentlyWithoutLockTimeout")]
[WithoutLockTimeout(Reason = "The build must wait for the nightly report's transaction; it blocks no one while it does.")]
public sealed class IndexListingTitleConcurrentlyWithoutLockTimeout : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex(name: "IX_Listing_Title", table: "Listing", column: "Title")
            .Annotation("Npgsql:CreatedConcurrently", true);
}

[Migration("20240801000022_WithoutLockTimeoutBlankReason")]
[WithoutLockTimeout(Reason = " ")]
public sealed class WithoutLockTimeoutBlankReason : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "Notes", table: "Listing", type: "text", nullable: true);
}
