using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.Tests.Linting.Corpus;

// Npgsql keeps each PostgreSQL enum as a database annotation and diffs it on AlterDatabase, as generated here.

[Migration("20240601000000_DropListingStatusLabel")]
public sealed class DropListingStatusLabel : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterDatabase()
            .Annotation("Npgsql:Enum:listing_status", "draft,active,sold")
            .OldAnnotation("Npgsql:Enum:listing_status", "draft,active,sold,archived");
}

[Migration("20240601000001_ReorderListingStatusLabels")]
public sealed class ReorderListingStatusLabels : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterDatabase()
            .Annotation("Npgsql:Enum:listing_status", "active,draft,sold,archived")
            .OldAnnotation("Npgsql:Enum:listing_status", "draft,active,sold,archived");
}

/// <summary>Adding labels, at the end or between existing ones, is what PostgreSQL supports: ALTER TYPE ... ADD VALUE.</summary>
[Migration("20240601000002_AddListingStatusLabels")]
public sealed class AddListingStatusLabels : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterDatabase()
            .Annotation("Npgsql:Enum:listing_status", "draft,pending_review,active,sold,archived,removed")
            .Annotation("Npgsql:Enum:user_role", "user,admin")
            .OldAnnotation("Npgsql:Enum:listing_status", "draft,active,sold,archived");
}

[Migration("20240601000010_BackfillListingViews")]
public sealed class BackfillListingViews : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            UPDATE "Listing"
               SET "Views" = 0
             WHERE "Views" IS NULL;
            """);
        migrationBuilder.Sql("ANALYZE \"Listing\";", suppressTransaction: true);
    }
}
