using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddListingIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Listing_Category_Status_Price",
                table: "Listing",
                columns: new[] { "Category", "Status", "Price" })
                .Annotation("Npgsql:CreatedConcurrently", true);

            migrationBuilder.CreateIndex(
                name: "IX_Listing_Status_CreatedAt",
                table: "Listing",
                columns: new[] { "Status", "CreatedAt" })
                .Annotation("Npgsql:CreatedConcurrently", true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Listing_Category_Status_Price",
                table: "Listing");

            migrationBuilder.DropIndex(
                name: "IX_Listing_Status_CreatedAt",
                table: "Listing");
        }
    }
}
