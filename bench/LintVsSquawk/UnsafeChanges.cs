using Marketplace.SchemaGuard.Conventions;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.Bench.LintVsSquawk;

// Changes a developer makes after the history, written as `dotnet ef migrations add` writes them for the marketplace's
// own tables (old facts beside the new), each unsafe on a live database in one way. The safe ones at the end are the
// usual changes a linter must let pass.

[Migration("20990101000001_IndexListingTitleUnique")]
internal sealed class IndexListingTitleUnique : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex(name: "IX_Listing_Title", table: "Listing", column: "Title", unique: true);
}

[Migration("20990101000002_DropListingSearchVectorIndex")]
internal sealed class DropListingSearchVectorIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropIndex(name: "IX_Listing_SearchVector", table: "Listing");
}

/// <summary>OnDelete Restrict to Cascade: EF drops the key and adds it back, validated against every listing.</summary>
[Migration("20990101000003_CascadeListingSellerDelete")]
internal sealed class CascadeListingSellerDelete : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropForeignKey(name: "FK_Listing_User_SellerId", table: "Listing");
        migrationBuilder.AddForeignKey(
            name: "FK_Listing_User_SellerId", table: "Listing", column: "SellerId",
            principalTable: "User", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
    }
}

[Migration("20990101000004_CheckListingTitleNotBlank")]
internal sealed class CheckListingTitleNotBlank : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddCheckConstraint(name: "CK_Listing_Title_NotBlank", table: "Listing", sql: "btrim(\"Title\") <> ''");
}

/// <summary>Required with a default: EF fills the nulls with one UPDATE, then sets NOT NULL.</summary>
[Migration("20990101000005_RequireListingAiModel")]
internal sealed class RequireListingAiModel : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterColumn<string>(
            name: "AiModel", table: "Listing", type: "character varying(100)", maxLength: 100, nullable: false, defaultValue: "",
            oldClrType: typeof(string), oldType: "character varying(100)", oldMaxLength: 100, oldNullable: true);
}

[Migration("20990101000006_RequireListingCategoryId")]
internal sealed class RequireListingCategoryId : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterColumn<int>(
            name: "CategoryId", table: "Listing", type: "integer", nullable: false,
            oldClrType: typeof(int), oldType: "integer", oldNullable: true);
}

/// <summary>varchar to integer: EF writes no USING, and PostgreSQL refuses the statement.</summary>
[Migration("20990101000007_AuditTargetIdToInteger")]
internal sealed class AuditTargetIdToInteger : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterColumn<int>(
            name: "TargetId", table: "AdminAuditLog", type: "integer", nullable: false,
            oldClrType: typeof(string), oldType: "character varying(64)", oldMaxLength: 64);
}

[Migration("20990101000008_WidenListingCategoryId")]
internal sealed class WidenListingCategoryId : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterColumn<long>(
            name: "CategoryId", table: "Listing", type: "bigint", nullable: true,
            oldClrType: typeof(int), oldType: "integer", oldNullable: true);
}

[Migration("20990101000009_AddListingPublicId")]
internal sealed class AddListingPublicId : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<Guid>(name: "PublicId", table: "Listing", type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()");
}

[Migration("20990101000010_AddListingTitleLength")]
internal sealed class AddListingTitleLength : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<int>(name: "TitleLength", table: "Listing", type: "integer", nullable: false,
            computedColumnSql: "length(\"Title\")", stored: true);
}

[Migration("20990101000011_RenameListingTitle")]
internal sealed class RenameListingTitle : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.RenameColumn(name: "Title", table: "Listing", newName: "Name");
}

[Migration("20990101000012_DropListingAiModel")]
internal sealed class DropListingAiModel : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn(name: "AiModel", table: "Listing");
}

/// <summary>A label the new release writes at once: the version still serving cannot read those rows.</summary>
[Migration("20990101000013_AddListingStatusReserved")]
internal sealed class AddListingStatusReserved : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterDatabase()
            .Annotation("Npgsql:Enum:listing_status", "draft,active,reserved,sold,archived")
            .OldAnnotation("Npgsql:Enum:listing_status", "draft,active,sold,archived");
}

[Migration("20990101000014_UniqueUserEmail")]
internal sealed class UniqueUserEmail : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddUniqueConstraint(name: "AK_User_Email", table: "User", column: "Email");
}

[Migration("20990101000015_AddRequiredUserLocale")]
internal sealed class AddRequiredUserLocale : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "Locale", table: "User", type: "character varying(10)", maxLength: 10, nullable: false);
}

[Migration("20990101000016_DropAdminAuditLog")]
internal sealed class DropAdminAuditLog : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "AdminAuditLog");
}

[Migration("20990101000101_AddListingNotes")]
internal sealed class AddListingNotes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "Notes", table: "Listing", type: "text", nullable: true);
}

[Migration("20990101000102_WidenListingTitle")]
internal sealed class WidenListingTitle : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterColumn<string>(
            name: "Title", table: "Listing", type: "character varying(300)", maxLength: 300, nullable: false,
            oldClrType: typeof(string), oldType: "character varying(200)", oldMaxLength: 200);
}

[Migration("20990101000103_AddListingViewCount")]
internal sealed class AddListingViewCount : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<long>(name: "ViewCount", table: "Listing", type: "bigint", nullable: false, defaultValue: 0L);
}

[Migration("20990101000104_IndexListingAiModelConcurrently")]
internal sealed class IndexListingAiModelConcurrently : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex(name: "IX_Listing_AiModel", table: "Listing", column: "AiModel")
            .Annotation(ConcurrentIndex.Annotation, true);
}
