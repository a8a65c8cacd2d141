using Marketplace.SchemaGuard.Linting;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Migrations
{
    /// <summary>
    /// The planner's knowledge of listing words: ANALYZE keeps the most common lexemes of a tsvector column, ten per point
    /// of its statistics target (1,000 at the default 100), and guesses every other word as common as the rarest one
    /// kept. At a million listings (bench/data/fill.sh) that guess sent a search for a rare word down the newest-first
    /// index, testing listing after listing for the word: 75 ms for a word in 360 listings, 237 ms in 80, 988 ms for a
    /// word in none. A target of 1,000 keeps 10,000 lexemes, and the same searches read their few matches from the
    /// full-text index and sort them: 6, 3 and 0.2 ms. Not modelled by EF Core, so written out. The column's statistics
    /// are gathered again at once (7 s at a million listings), not at the table's next automatic analyze, which a large,
    /// settled table may not reach for weeks.
    /// </summary>
    [AcknowledgeLint(LintRuleIds.RawSql, "sql#1", Reason =
        "SET STATISTICS changes the catalog only, and ANALYZE of one column reads a sample (300,000 rows) and writes " +
        "pg_statistic: both take SHARE UPDATE EXCLUSIVE on Listing, which blocks no read or write of its rows (7 s at 1,000,000 listings).")]
    public partial class TrackMoreListingWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE "Listing" ALTER COLUMN "SearchVector" SET STATISTICS 1000;
                ANALYZE "Listing" ("SearchVector");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE "Listing" ALTER COLUMN "SearchVector" SET STATISTICS -1;
                """);
        }
    }
}
