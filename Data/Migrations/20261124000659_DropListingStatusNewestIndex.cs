using Marketplace.SchemaGuard.Conventions;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Migrations
{
    /// <summary>
    /// Drops IX_Listing_Status_CreatedAt, superseded: IX_Listing_Status_CreatedAt_Id (with the Id tie-breaker and the
    /// price) serves every query this one did. Concurrently, in a migration of its own, so no query waits on an ACCESS
    /// EXCLUSIVE lock.
    /// </summary>
    public partial class DropListingStatusNewestIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Listing_Status_CreatedAt",
                table: "Listing")
                .Concurrently();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Listing_Status_CreatedAt",
                table: "Listing",
                columns: new[] { "Status", "CreatedAt" })
                .Annotation("Npgsql:CreatedConcurrently", true);
        }
    }
}
