using System;
using System.Text.Json;
using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Marketplace.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddAdminAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:Enum:admin_action", "user_suspended,user_reinstated,user_role_changed,listing_removed,listing_restored,category_created,category_updated,category_deactivated")
                .Annotation("Npgsql:Enum:audit_target_type", "user,listing,category")
                .Annotation("Npgsql:Enum:listing_category", "electronics,furniture,clothing,vehicles,home_and_garden,sports,books_and_media,toys,collectibles,other")
                .Annotation("Npgsql:Enum:listing_status", "draft,active,sold,archived")
                .Annotation("Npgsql:Enum:user_role", "user,admin")
                .OldAnnotation("Npgsql:Enum:listing_category", "electronics,furniture,clothing,vehicles,home_and_garden,sports,books_and_media,toys,collectibles,other")
                .OldAnnotation("Npgsql:Enum:listing_status", "draft,active,sold,archived")
                .OldAnnotation("Npgsql:Enum:user_role", "user,admin");

            migrationBuilder.CreateTable(
                name: "AdminAuditLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AdminId = table.Column<Guid>(type: "uuid", nullable: false),
                    Action = table.Column<AdminAction>(type: "admin_action", nullable: false),
                    TargetType = table.Column<AuditTargetType>(type: "audit_target_type", nullable: false),
                    TargetId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Details = table.Column<JsonDocument>(type: "jsonb", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdminAuditLog", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AdminAuditLog_User_AdminId",
                        column: x => x.AdminId,
                        principalTable: "User",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AdminAuditLog_AdminId",
                table: "AdminAuditLog",
                column: "AdminId");

            migrationBuilder.CreateIndex(
                name: "IX_AdminAuditLog_TargetType_TargetId",
                table: "AdminAuditLog",
                columns: new[] { "TargetType", "TargetId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AdminAuditLog");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:Enum:listing_category", "electronics,furniture,clothing,vehicles,home_and_garden,sports,books_and_media,toys,collectibles,other")
                .Annotation("Npgsql:Enum:listing_status", "draft,active,sold,archived")
                .Annotation("Npgsql:Enum:user_role", "user,admin")
                .OldAnnotation("Npgsql:Enum:admin_action", "user_suspended,user_reinstated,user_role_changed,listing_removed,listing_restored,category_created,category_updated,category_deactivated")
                .OldAnnotation("Npgsql:Enum:audit_target_type", "user,listing,category")
                .OldAnnotation("Npgsql:Enum:listing_category", "electronics,furniture,clothing,vehicles,home_and_garden,sports,books_and_media,toys,collectibles,other")
                .OldAnnotation("Npgsql:Enum:listing_status", "draft,active,sold,archived")
                .OldAnnotation("Npgsql:Enum:user_role", "user,admin");
        }
    }
}
