using Marketplace.SchemaGuard.Linting;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace Marketplace.Data.Migrations
{
    /// <summary>
    /// The stored words of a listing for full-text search, and the trigger that keeps them. Adding a nullable column
    /// without a default changes only the catalog; existing rows are filled in batches by the worker's backfill step,
    /// and the GIN index comes in a migration of its own.
    /// </summary>
    [AcknowledgeLint(LintRuleIds.RawSql, "sql#1", Reason =
        "Creates a trigger function and a BEFORE INSERT OR UPDATE OF Title, Description trigger: catalog changes only, " +
        "no row is read or written; CREATE TRIGGER holds a SHARE ROW EXCLUSIVE lock on Listing for milliseconds.")]
    public partial class AddListingSearchVector : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "SearchVector",
                table: "Listing",
                type: "tsvector",
                nullable: true);

            // Written out rather than taken from ListingTextSearch: an applied migration must not change with the code.
            migrationBuilder.Sql("""
                CREATE FUNCTION listing_search_vector_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    NEW."SearchVector" := to_tsvector('english'::regconfig, NEW."Title" || ' ' || NEW."Description");
                    RETURN NEW;
                END
                $fn$;
                CREATE TRIGGER "TR_Listing_SearchVector" BEFORE INSERT OR UPDATE OF "Title", "Description" ON "Listing"
                    FOR EACH ROW EXECUTE FUNCTION listing_search_vector_update();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "TR_Listing_SearchVector" ON "Listing";
                DROP FUNCTION IF EXISTS listing_search_vector_update();
                """);

            migrationBuilder.DropColumn(
                name: "SearchVector",
                table: "Listing");
        }
    }
}
