using System;
using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Marketplace.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddConversationsFavouritesAndSavedSearches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:Enum:admin_action", "user_suspended,user_reinstated,user_role_changed,listing_removed,listing_restored,category_created,category_updated,category_deactivated,category_reactivated,category_moved,category_reordered,report_resolved")
                .Annotation("Npgsql:Enum:alert_frequency", "off,immediate,daily")
                .Annotation("Npgsql:Enum:audit_target_type", "user,listing,category,report")
                .Annotation("Npgsql:Enum:item_condition", "new,like_new,good,fair,for_parts")
                .Annotation("Npgsql:Enum:listing_category", "electronics,furniture,clothing,vehicles,home_and_garden,sports,books_and_media,toys,collectibles,other")
                .Annotation("Npgsql:Enum:listing_status", "draft,active,sold,archived")
                .Annotation("Npgsql:Enum:outbox_mail_kind", "verification,email_change,password_reset,message")
                .Annotation("Npgsql:Enum:outbox_mail_state", "pending,sent,dead,dropped")
                .Annotation("Npgsql:Enum:user_role", "user,admin")
                .OldAnnotation("Npgsql:Enum:admin_action", "user_suspended,user_reinstated,user_role_changed,listing_removed,listing_restored,category_created,category_updated,category_deactivated,category_reactivated,category_moved,category_reordered,report_resolved")
                .OldAnnotation("Npgsql:Enum:audit_target_type", "user,listing,category,report")
                .OldAnnotation("Npgsql:Enum:listing_category", "electronics,furniture,clothing,vehicles,home_and_garden,sports,books_and_media,toys,collectibles,other")
                .OldAnnotation("Npgsql:Enum:listing_status", "draft,active,sold,archived")
                .OldAnnotation("Npgsql:Enum:outbox_mail_kind", "verification,email_change,password_reset,message")
                .OldAnnotation("Npgsql:Enum:outbox_mail_state", "pending,sent,dead,dropped")
                .OldAnnotation("Npgsql:Enum:user_role", "user,admin");

            migrationBuilder.AddColumn<long>(
                name: "SavedSearchId",
                table: "OutboxMail",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<ItemCondition>(
                name: "Condition",
                table: "Listing",
                type: "item_condition",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "MatchPendingSince",
                table: "Listing",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Conversation",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    ListingId = table.Column<long>(type: "bigint", nullable: false),
                    BuyerId = table.Column<Guid>(type: "uuid", nullable: false),
                    SellerId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    LastMessageAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Conversation", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Conversation_Listing_ListingId",
                        column: x => x.ListingId,
                        principalTable: "Listing",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Conversation_User_BuyerId",
                        column: x => x.BuyerId,
                        principalTable: "User",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Conversation_User_SellerId",
                        column: x => x.SellerId,
                        principalTable: "User",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Favourite",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ListingId = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Favourite", x => new { x.UserId, x.ListingId });
                    table.ForeignKey(
                        name: "FK_Favourite_Listing_ListingId",
                        column: x => x.ListingId,
                        principalTable: "Listing",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Favourite_User_UserId",
                        column: x => x.UserId,
                        principalTable: "User",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SavedSearch",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Query = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CategoryId = table.Column<int>(type: "integer", nullable: true),
                    MinPrice = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    MaxPrice = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    Condition = table.Column<ItemCondition>(type: "item_condition", nullable: true),
                    Alerts = table.Column<AlertFrequency>(type: "alert_frequency", nullable: false, defaultValue: AlertFrequency.Off),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    LastVisitedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    LastAlertedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedSearch", x => x.Id);
                    table.CheckConstraint("CK_SavedSearch_PriceRange", "\"MinPrice\" IS NULL OR \"MaxPrice\" IS NULL OR \"MinPrice\" <= \"MaxPrice\"");
                    table.ForeignKey(
                        name: "FK_SavedSearch_Category_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "Category",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull)
                        .Annotation("Marketplace:OnUpdate", "Cascade");
                    table.ForeignKey(
                        name: "FK_SavedSearch_User_UserId",
                        column: x => x.UserId,
                        principalTable: "User",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UserBlock",
                columns: table => new
                {
                    BlockerId = table.Column<Guid>(type: "uuid", nullable: false),
                    BlockedId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserBlock", x => new { x.BlockerId, x.BlockedId });
                    table.ForeignKey(
                        name: "FK_UserBlock_User_BlockedId",
                        column: x => x.BlockedId,
                        principalTable: "User",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_UserBlock_User_BlockerId",
                        column: x => x.BlockerId,
                        principalTable: "User",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConversationMessage",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    ConversationId = table.Column<long>(type: "bigint", nullable: false),
                    SenderId = table.Column<Guid>(type: "uuid", nullable: false),
                    Body = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationMessage", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConversationMessage_Conversation_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConversationMessage_User_SenderId",
                        column: x => x.SenderId,
                        principalTable: "User",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConversationParticipant",
                columns: table => new
                {
                    ConversationId = table.Column<long>(type: "bigint", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    LastMessageAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UnreadCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationParticipant", x => new { x.ConversationId, x.UserId });
                    table.CheckConstraint("CK_ConversationParticipant_UnreadCount_NotNegative", "\"UnreadCount\" >= 0");
                    table.ForeignKey(
                        name: "FK_ConversationParticipant_Conversation_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConversationParticipant_User_UserId",
                        column: x => x.UserId,
                        principalTable: "User",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConversationReport",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    ConversationId = table.Column<long>(type: "bigint", nullable: false),
                    ReporterId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ResolvedById = table.Column<Guid>(type: "uuid", nullable: true),
                    ResolutionNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationReport", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConversationReport_Conversation_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ConversationReport_User_ReporterId",
                        column: x => x.ReporterId,
                        principalTable: "User",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SavedSearchMatch",
                columns: table => new
                {
                    SavedSearchId = table.Column<long>(type: "bigint", nullable: false),
                    ListingId = table.Column<long>(type: "bigint", nullable: false),
                    MatchedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    AlertedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OutboxMailId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedSearchMatch", x => new { x.SavedSearchId, x.ListingId });
                    table.ForeignKey(
                        name: "FK_SavedSearchMatch_Listing_ListingId",
                        column: x => x.ListingId,
                        principalTable: "Listing",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SavedSearchMatch_SavedSearch_SavedSearchId",
                        column: x => x.SavedSearchId,
                        principalTable: "SavedSearch",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConversationReportView",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    ReportId = table.Column<long>(type: "bigint", nullable: false),
                    AdminId = table.Column<Guid>(type: "uuid", nullable: false),
                    ViewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationReportView", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConversationReportView_ConversationReport_ReportId",
                        column: x => x.ReportId,
                        principalTable: "ConversationReport",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ConversationReportView_User_AdminId",
                        column: x => x.AdminId,
                        principalTable: "User",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Conversation_BuyerId",
                table: "Conversation",
                column: "BuyerId");

            migrationBuilder.CreateIndex(
                name: "IX_Conversation_ListingId_BuyerId",
                table: "Conversation",
                columns: new[] { "ListingId", "BuyerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Conversation_SellerId",
                table: "Conversation",
                column: "SellerId");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMessage_ConversationId_Id",
                table: "ConversationMessage",
                columns: new[] { "ConversationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMessage_SenderId_Id",
                table: "ConversationMessage",
                columns: new[] { "SenderId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationParticipant_Inbox",
                table: "ConversationParticipant",
                columns: new[] { "UserId", "LastMessageAt", "ConversationId" },
                descending: new[] { false, true, true })
                .Annotation("Npgsql:IndexInclude", new[] { "UnreadCount" });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationParticipant_Unread",
                table: "ConversationParticipant",
                column: "UserId",
                filter: "\"UnreadCount\" > 0")
                .Annotation("Npgsql:IndexInclude", new[] { "UnreadCount" });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationReport_ConversationId_CreatedAt_Id",
                table: "ConversationReport",
                columns: new[] { "ConversationId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationReport_Open_ConversationId_ReporterId",
                table: "ConversationReport",
                columns: new[] { "ConversationId", "ReporterId" },
                unique: true,
                filter: "\"ResolvedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationReport_Open_CreatedAt_Id",
                table: "ConversationReport",
                columns: new[] { "CreatedAt", "Id" },
                filter: "\"ResolvedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationReport_ReporterId_CreatedAt_Id",
                table: "ConversationReport",
                columns: new[] { "ReporterId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationReportView_AdminId_ViewedAt",
                table: "ConversationReportView",
                columns: new[] { "AdminId", "ViewedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationReportView_ReportId_ViewedAt",
                table: "ConversationReportView",
                columns: new[] { "ReportId", "ViewedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Favourite_ListingId",
                table: "Favourite",
                column: "ListingId");

            migrationBuilder.CreateIndex(
                name: "IX_Favourite_UserId_CreatedAt_ListingId",
                table: "Favourite",
                columns: new[] { "UserId", "CreatedAt", "ListingId" });

            migrationBuilder.CreateIndex(
                name: "IX_SavedSearch_CategoryId",
                table: "SavedSearch",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_SavedSearch_UserId_CreatedAt_Id",
                table: "SavedSearch",
                columns: new[] { "UserId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_SavedSearchMatch_ListingId",
                table: "SavedSearchMatch",
                column: "ListingId");

            migrationBuilder.CreateIndex(
                name: "IX_SavedSearchMatch_Pending",
                table: "SavedSearchMatch",
                columns: new[] { "SavedSearchId", "MatchedAt" },
                filter: "\"AlertedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SavedSearchMatch_SavedSearchId_MatchedAt",
                table: "SavedSearchMatch",
                columns: new[] { "SavedSearchId", "MatchedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UserBlock_BlockedId",
                table: "UserBlock",
                column: "BlockedId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConversationMessage");

            migrationBuilder.DropTable(
                name: "ConversationParticipant");

            migrationBuilder.DropTable(
                name: "ConversationReportView");

            migrationBuilder.DropTable(
                name: "Favourite");

            migrationBuilder.DropTable(
                name: "SavedSearchMatch");

            migrationBuilder.DropTable(
                name: "UserBlock");

            migrationBuilder.DropTable(
                name: "ConversationReport");

            migrationBuilder.DropTable(
                name: "SavedSearch");

            migrationBuilder.DropTable(
                name: "Conversation");

            migrationBuilder.DropColumn(
                name: "SavedSearchId",
                table: "OutboxMail");

            migrationBuilder.DropColumn(
                name: "Condition",
                table: "Listing");

            migrationBuilder.DropColumn(
                name: "MatchPendingSince",
                table: "Listing");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:Enum:admin_action", "user_suspended,user_reinstated,user_role_changed,listing_removed,listing_restored,category_created,category_updated,category_deactivated,category_reactivated,category_moved,category_reordered,report_resolved")
                .Annotation("Npgsql:Enum:audit_target_type", "user,listing,category,report")
                .Annotation("Npgsql:Enum:listing_category", "electronics,furniture,clothing,vehicles,home_and_garden,sports,books_and_media,toys,collectibles,other")
                .Annotation("Npgsql:Enum:listing_status", "draft,active,sold,archived")
                .Annotation("Npgsql:Enum:outbox_mail_kind", "verification,email_change,password_reset,message")
                .Annotation("Npgsql:Enum:outbox_mail_state", "pending,sent,dead,dropped")
                .Annotation("Npgsql:Enum:user_role", "user,admin")
                .OldAnnotation("Npgsql:Enum:admin_action", "user_suspended,user_reinstated,user_role_changed,listing_removed,listing_restored,category_created,category_updated,category_deactivated,category_reactivated,category_moved,category_reordered,report_resolved")
                .OldAnnotation("Npgsql:Enum:alert_frequency", "off,immediate,daily")
                .OldAnnotation("Npgsql:Enum:audit_target_type", "user,listing,category,report")
                .OldAnnotation("Npgsql:Enum:item_condition", "new,like_new,good,fair,for_parts")
                .OldAnnotation("Npgsql:Enum:listing_category", "electronics,furniture,clothing,vehicles,home_and_garden,sports,books_and_media,toys,collectibles,other")
                .OldAnnotation("Npgsql:Enum:listing_status", "draft,active,sold,archived")
                .OldAnnotation("Npgsql:Enum:outbox_mail_kind", "verification,email_change,password_reset,message")
                .OldAnnotation("Npgsql:Enum:outbox_mail_state", "pending,sent,dead,dropped")
                .OldAnnotation("Npgsql:Enum:user_role", "user,admin");
        }
    }
}
