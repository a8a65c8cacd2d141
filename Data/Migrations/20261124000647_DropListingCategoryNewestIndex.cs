using Marketplace.SchemaGuard.Conventions;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Migrations
{
    /// <summary>
    /// Drops IX_Listing_CategoryId_Status_CreatedAt_Id, superseded: IX_Listing_CategoryId_Status_CreatedAt_Id_Price has
    /// the same keys and also carries the price. Concurrently, in a migration of its own, so no query waits on an
    /// ACCESS EXCLUSIVE lock.
    /// </summary>
    public partial class DropListingCategoryNewestIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Listing_CategoryId_Status_CreatedAt_Id",
                table: "Listing")
                .Concurrently();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Listing_CategoryId_Status_CreatedAt_Id",
                table: "Listing",
                columns: new[] { "CategoryId", "Status", "CreatedAt", "Id" })
                .Annotation("Npgsql:CreatedConcurrently", true);
        }
    }
}
