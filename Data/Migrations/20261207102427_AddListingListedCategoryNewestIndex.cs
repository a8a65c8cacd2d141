using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddListingListedCategoryNewestIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Listing_Listed_CategoryId_Status_CreatedAt_Id",
                table: "Listing",
                columns: new[] { "CategoryId", "Status", "CreatedAt", "Id" },
                filter: "\"RemovedAt\" IS NULL AND \"SellerSuspendedAt\" IS NULL")
                .Annotation("Npgsql:CreatedConcurrently", true)
                .Annotation("Npgsql:IndexInclude", new[] { "Price" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Listing_Listed_CategoryId_Status_CreatedAt_Id",
                table: "Listing");
        }
    }
}
