using Marketplace.SchemaGuard.Conventions;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Migrations
{
    /// <summary>
    /// Drops IX_Listing_SellerId, superseded: (SellerId, Status, CreatedAt, Id) INCLUDE (Price) serves every lookup
    /// this one did, the foreign key's included. Concurrently, in a migration of its own, so no query waits on an
    /// ACCESS EXCLUSIVE lock.
    /// </summary>
    public partial class DropListingSellerIdIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Listing_SellerId",
                table: "Listing")
                .Concurrently();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Listing_SellerId",
                table: "Listing",
                column: "SellerId");
        }
    }
}
