using System;
using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddOutboxMail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:Enum:admin_action", "user_suspended,user_reinstated,user_role_changed,listing_removed,listing_restored,category_created,category_updated,category_deactivated,category_reactivated,category_moved,category_reordered,report_resolved")
                .Annotation("Npgsql:Enum:audit_target_type", "user,listing,category,report")
                .Annotation("Npgsql:Enum:listing_category", "electronics,furniture,clothing,vehicles,home_and_garden,sports,books_and_media,toys,collectibles,other")
                .Annotation("Npgsql:Enum:listing_status", "draft,active,sold,archived")
                .Annotation("Npgsql:Enum:outbox_mail_kind", "verification,email_change,password_reset,message")
                .Annotation("Npgsql:Enum:outbox_mail_state", "pending,sent,dead,dropped")
                .Annotation("Npgsql:Enum:user_role", "user,admin")
                .OldAnnotation("Npgsql:Enum:admin_action", "user_suspended,user_reinstated,user_role_changed,listing_removed,listing_restored,category_created,category_updated,category_deactivated,category_reactivated,category_moved,category_reordered,report_resolved")
                .OldAnnotation("Npgsql:Enum:audit_target_type", "user,listing,category,report")
                .OldAnnotation("Npgsql:Enum:listing_category", "electronics,furniture,clothing,vehicles,home_and_garden,sports,books_and_media,toys,collectibles,other")
                .OldAnnotation("Npgsql:Enum:listing_status", "draft,active,sold,archived")
                .OldAnnotation("Npgsql:Enum:user_role", "user,admin");

            migrationBuilder.CreateTable(
                name: "OutboxMail",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<OutboxMailKind>(type: "outbox_mail_kind", nullable: false),
                    State = table.Column<OutboxMailState>(type: "outbox_mail_state", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ToAddress = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    ReplyTo = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    Subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    TextBody = table.Column<string>(type: "text", nullable: true),
                    HtmlBody = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMail", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutboxMail_User_UserId",
                        column: x => x.UserId,
                        principalTable: "User",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMail_Completed_CompletedAt",
                table: "OutboxMail",
                column: "CompletedAt",
                filter: "\"CompletedAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMail_Pending_DueAt",
                table: "OutboxMail",
                column: "DueAt",
                filter: "\"State\" = 'pending'");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMail_UserId_CreatedAt",
                table: "OutboxMail",
                columns: new[] { "UserId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OutboxMail");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:Enum:admin_action", "user_suspended,user_reinstated,user_role_changed,listing_removed,listing_restored,category_created,category_updated,category_deactivated,category_reactivated,category_moved,category_reordered,report_resolved")
                .Annotation("Npgsql:Enum:audit_target_type", "user,listing,category,report")
                .Annotation("Npgsql:Enum:listing_category", "electronics,furniture,clothing,vehicles,home_and_garden,sports,books_and_media,toys,collectibles,other")
                .Annotation("Npgsql:Enum:listing_status", "draft,active,sold,archived")
                .Annotation("Npgsql:Enum:user_role", "user,admin")
                .OldAnnotation("Npgsql:Enum:admin_action", "user_suspended,user_reinstated,user_role_changed,listing_removed,listing_restored,category_created,category_updated,category_deactivated,category_reactivated,category_moved,category_reordered,report_resolved")
                .OldAnnotation("Npgsql:Enum:audit_target_type", "user,listing,category,report")
                .OldAnnotation("Npgsql:Enum:listing_category", "electronics,furniture,clothing,vehicles,home_and_garden,sports,books_and_media,toys,collectibles,other")
                .OldAnnotation("Npgsql:Enum:listing_status", "draft,active,sold,archived")
                .OldAnnotation("Npgsql:Enum:outbox_mail_kind", "verification,email_change,password_reset,message")
                .OldAnnotation("Npgsql:Enum:outbox_mail_state", "pending,sent,dead,dropped")
                .OldAnnotation("Npgsql:Enum:user_role", "user,admin");
        }
    }
}
