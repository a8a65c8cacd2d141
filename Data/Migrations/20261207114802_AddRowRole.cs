using Marketplace.SchemaGuard.Linting;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Migrations
{
    /// <summary>
    /// The Api's rights, on rows only: the NOLOGIN group role marketplace_rows (RowRole) may read and write the rows of
    /// every table and use every sequence in the schema, and default privileges give the same to every table and sequence
    /// the migrations' user creates later. It owns nothing, so it can alter, drop or truncate nothing, and PUBLIC loses
    /// CREATE on the schema (PostgreSQL 15's default, here for older servers too). The worker makes the Api's login role
    /// a member and keeps the schema guard's own tables read-only to it. Written out rather than taken from RowRole: an
    /// applied migration must not change with the code.
    /// </summary>
    [AcknowledgeLint(LintRuleIds.RawSql, "sql#1", Reason =
        "Creates a server-wide NOLOGIN role if missing and changes privileges only (GRANT, ALTER DEFAULT PRIVILEGES, REVOKE): " +
        "no row is read or written, and no table is locked (a GRANT does not wait behind an ACCESS EXCLUSIVE lock).")]
    public partial class AddRowRole : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Roles belong to the server: another database on it, or a worker migrating one at this moment, may have made it.
            migrationBuilder.Sql("""
                DO $role$
                BEGIN
                    CREATE ROLE marketplace_rows NOLOGIN;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN
                    NULL;
                END
                $role$;
                GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO marketplace_rows;
                GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO marketplace_rows;
                ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO marketplace_rows;
                ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO marketplace_rows;
                REVOKE CREATE ON SCHEMA public FROM PUBLIC;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The role stays: other databases on the server may grant to it. CREATE stays revoked from PUBLIC.
            migrationBuilder.Sql("""
                ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM marketplace_rows;
                ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM marketplace_rows;
                REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM marketplace_rows;
                REVOKE ALL ON ALL TABLES IN SCHEMA public FROM marketplace_rows;
                """);
        }
    }
}
