using Marketplace.SchemaGuard.Linting;
using Marketplace.SchemaGuard.MigrationMarks;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.Tests.RollingDeploy;

// Migrations after the marketplace's history, written as dotnet ef writes them, each tried against the version built on
// the latest migration. They live in the test assembly, so no context ever applies them but the proof's tests.

/// <summary>Lint is told the data loss is fine; the running version still selects the column.</summary>
[Migration("20991231000100_DropListingAiModel")]
[AcknowledgeLint(LintRuleIds.DropColumn, "Listing.AiModel", Reason = "Archived; the data may go.")]
public sealed class DropListingAiModel : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn(name: "AiModel", table: "Listing");
}

/// <summary>The contract step of the same change: the release that stopped using the column runs everywhere.</summary>
[Migration("20991231000101_DropListingAiModelContractStep")]
[ContractStep("Listing.AiModel", Reason = "Release 2099.52 stopped reading and writing AiModel and runs everywhere.")]
[AcknowledgeLint(LintRuleIds.DropColumn, "Listing.AiModel", Reason = "Archived; the data may go.")]
public sealed class DropListingAiModelContractStep : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn(name: "AiModel", table: "Listing");
}

[Migration("20991231000102_RenameListingTitle")]
[AcknowledgeLint(LintRuleIds.RenameColumn, "Listing.Title", Reason = "Acknowledged for lint only.")]
public sealed class RenameListingTitle : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.RenameColumn(name: "Title", table: "Listing", newName: "Name");
}

[Migration("20991231000103_AddRequiredUserLocale")]
[AcknowledgeLint(LintRuleIds.AddRequiredColumnWithoutDefault, "User.Locale", Reason = "Acknowledged for lint only.")]
public sealed class AddRequiredUserLocale : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "Locale", table: "User", type: "character varying(10)", maxLength: 10, nullable: false);
}

[Migration("20991231000104_AddRequiredUserLocaleWithDefault")]
public sealed class AddRequiredUserLocaleWithDefault : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "Locale", table: "User", type: "character varying(10)", maxLength: 10, nullable: false, defaultValue: "en");
}

/// <summary>A label the new release writes at once: the running version cannot read those rows.</summary>
[Migration("20991231000105_AddListingStatusReserved")]
[AcknowledgeLint(LintRuleIds.AddEnumLabel, "listing_status.reserved", Reason = "Acknowledged for lint only.")]
public sealed class AddListingStatusReserved : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => AddReserved(migrationBuilder);

    internal static void AddReserved(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterDatabase()
            .Annotation("Npgsql:Enum:admin_action", "user_suspended,user_reinstated,user_role_changed,listing_removed,listing_restored,category_created,category_updated,category_deactivated")
            .Annotation("Npgsql:Enum:audit_target_type", "user,listing,category")
            .Annotation("Npgsql:Enum:listing_category", "electronics,furniture,clothing,vehicles,home_and_garden,sports,books_and_media,toys,collectibles,other")
            .Annotation("Npgsql:Enum:listing_status", "draft,active,reserved,sold,archived")
            .Annotation("Npgsql:Enum:user_role", "user,admin")
            .OldAnnotation("Npgsql:Enum:admin_action", "user_suspended,user_reinstated,user_role_changed,listing_removed,listing_restored,category_created,category_updated,category_deactivated")
            .OldAnnotation("Npgsql:Enum:audit_target_type", "user,listing,category")
            .OldAnnotation("Npgsql:Enum:listing_category", "electronics,furniture,clothing,vehicles,home_and_garden,sports,books_and_media,toys,collectibles,other")
            .OldAnnotation("Npgsql:Enum:listing_status", "draft,active,sold,archived")
            .OldAnnotation("Npgsql:Enum:user_role", "user,admin");
}

/// <summary>The first of the two releases: the label exists, nothing writes it yet.</summary>
[Migration("20991231000106_AddListingStatusReservedNotWrittenYet")]
[EnumLabelNotWrittenYet("listing_status", "reserved", Reason = "Release 2099.52 reads 'reserved'; 2099.53 starts writing it.")]
public sealed class AddListingStatusReservedNotWrittenYet : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => AddListingStatusReserved.AddReserved(migrationBuilder);
}

/// <summary>A label written at once into a table the running version is said never to read.</summary>
[Migration("20991231000109_AddListingStatusReservedToATableNotRead")]
[NotReadByPreviousVersion("Listing", Reason = "Corpus: the running version is said to read no listing.")]
public sealed class AddListingStatusReservedToATableNotRead : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => AddListingStatusReserved.AddReserved(migrationBuilder);
}

/// <summary>The mark names another table, so the Listing rows holding the label still meet the running version.</summary>
[Migration("20991231000110_AddListingStatusReservedWithTheWrongTableNotRead")]
[NotReadByPreviousVersion("User", Reason = "Corpus: names a table without a listing_status column.")]
[NotReadByPreviousVersion("Nowhere", Reason = "Corpus: names a table the model does not map.")]
public sealed class AddListingStatusReservedWithTheWrongTableNotRead : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => AddListingStatusReserved.AddReserved(migrationBuilder);
}

[Migration("20991231000107_AddListingNotes")]
public sealed class AddListingNotes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "Notes", table: "Listing", type: "text", nullable: true);
}

/// <summary>A wider integer on disk: the running version still reads it as int, as its model says, while values fit.</summary>
[Migration("20991231000108_WidenListingCategoryId")]
public sealed class WidenListingCategoryId : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterColumn<long>(name: "CategoryId", table: "Listing", type: "bigint", nullable: true,
            oldClrType: typeof(int), oldType: "integer", oldNullable: true);
}
