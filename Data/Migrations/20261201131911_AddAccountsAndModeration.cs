using System;
using Marketplace.SchemaGuard.MigrationMarks;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Marketplace.Data.Migrations
{
    /// <inheritdoc />
    [NotReadByPreviousVersion("AdminAuditLog", Reason =
        "Only AdminAuditLog rows hold admin_action, and only this release's admin endpoints read that table (GET /api/admin/audit-log); " +
        "no earlier Api version selects from it, so the previous version still serving during a rolling deploy never meets the new labels.")]
    public partial class AddAccountsAndModeration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:Enum:admin_action", "user_suspended,user_reinstated,user_role_changed,listing_removed,listing_restored,category_created,category_updated,category_deactivated,category_reactivated,category_moved,category_reordered")
                .Annotation("Npgsql:Enum:audit_target_type", "user,listing,category")
                .Annotation("Npgsql:Enum:listing_category", "electronics,furniture,clothing,vehicles,home_and_garden,sports,books_and_media,toys,collectibles,other")
                .Annotation("Npgsql:Enum:listing_status", "draft,active,sold,archived")
                .Annotation("Npgsql:Enum:user_role", "user,admin")
                .OldAnnotation("Npgsql:Enum:admin_action", "user_suspended,user_reinstated,user_role_changed,listing_removed,listing_restored,category_created,category_updated,category_deactivated")
                .OldAnnotation("Npgsql:Enum:audit_target_type", "user,listing,category")
                .OldAnnotation("Npgsql:Enum:listing_category", "electronics,furniture,clothing,vehicles,home_and_garden,sports,books_and_media,toys,collectibles,other")
                .OldAnnotation("Npgsql:Enum:listing_status", "draft,active,sold,archived")
                .OldAnnotation("Npgsql:Enum:user_role", "user,admin");

            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "VerificationToken",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SecurityStamp",
                table: "User",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SuspendedAt",
                table: "User",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SuspensionReason",
                table: "User",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RemovalReason",
                table: "Listing",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RemovedAt",
                table: "Listing",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RemovedById",
                table: "Listing",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RefreshToken",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FamilyId = table.Column<Guid>(type: "uuid", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    TokenHash = table.Column<byte[]>(type: "bytea", fixedLength: true, maxLength: 32, nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RefreshToken", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RefreshToken_User_UserId",
                        column: x => x.UserId,
                        principalTable: "User",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RefreshToken_FamilyId",
                table: "RefreshToken",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_RefreshToken_TokenHash",
                table: "RefreshToken",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RefreshToken_UserId",
                table: "RefreshToken",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RefreshToken");

            migrationBuilder.DropColumn(
                name: "Email",
                table: "VerificationToken");

            migrationBuilder.DropColumn(
                name: "SecurityStamp",
                table: "User");

            migrationBuilder.DropColumn(
                name: "SuspendedAt",
                table: "User");

            migrationBuilder.DropColumn(
                name: "SuspensionReason",
                table: "User");

            migrationBuilder.DropColumn(
                name: "RemovalReason",
                table: "Listing");

            migrationBuilder.DropColumn(
                name: "RemovedAt",
                table: "Listing");

            migrationBuilder.DropColumn(
                name: "RemovedById",
                table: "Listing");

            // PostgreSQL cannot remove a label from an enum type, so the type is made again with the labels the model
            // before this migration has. Audit rows that hold a removed label take category_updated, the one the
            // previous version knows for them; their details keep what changed.
            migrationBuilder.Sql("""
                UPDATE "AdminAuditLog" SET "Action" = 'category_updated'
                 WHERE "Action" IN ('category_reactivated', 'category_moved', 'category_reordered');
                ALTER TYPE admin_action RENAME TO admin_action_before_revert;
                CREATE TYPE admin_action AS ENUM ('user_suspended', 'user_reinstated', 'user_role_changed', 'listing_removed',
                    'listing_restored', 'category_created', 'category_updated', 'category_deactivated');
                ALTER TABLE "AdminAuditLog" ALTER COLUMN "Action" TYPE admin_action USING "Action"::text::admin_action;
                DROP TYPE admin_action_before_revert;
                """);
        }
    }
}
