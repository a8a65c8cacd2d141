using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Marketplace.Tests.Linting.Corpus;

[Migration("20240401000000_AddRequiredListingSku")]
public sealed class AddRequiredListingSku : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "Sku", table: "Listing", type: "text", nullable: false);
}

/// <summary>What EF generates for a required column on an existing table: a constant default, catalog-only on PostgreSQL 11+.</summary>
[Migration("20240401000001_AddRequiredListingSkuWithDefault")]
public sealed class AddRequiredListingSkuWithDefault : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "Sku", table: "Listing", type: "text", nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<string>(name: "Notes", table: "Listing", type: "text", nullable: true);
    }
}

[Migration("20240401000002_AddRequiredColumnToNewTable")]
public sealed class AddRequiredColumnToNewTable : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ScratchTable.Create(migrationBuilder);
        migrationBuilder.AddColumn<string>(name: "Code", table: ScratchTable.Name, type: "text", nullable: false);
    }
}

[Migration("20240401000003_AddListingPublicIdRandom")]
public sealed class AddListingPublicIdRandom : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<Guid>(name: "PublicId", table: "Listing", type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()");
}

[Migration("20240401000004_AddListingStableDefaults")]
public sealed class AddListingStableDefaults : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTimeOffset>(name: "IndexedAt", table: "Listing", type: "timestamp with time zone", nullable: false, defaultValueSql: "now()");
        migrationBuilder.AddColumn<DateTimeOffset>(name: "CheckedAt", table: "Listing", type: "timestamp with time zone", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP");
        migrationBuilder.AddColumn<string[]>(name: "Tags", table: "Listing", type: "text[]", nullable: false, defaultValueSql: "'{}'::text[]");
        migrationBuilder.AddColumn<bool>(name: "IsFeatured", table: "Listing", type: "boolean", nullable: false, defaultValue: false);
    }
}

[Migration("20240401000005_AddListingIdentityNumber")]
public sealed class AddListingIdentityNumber : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<long>(name: "Number", table: "Listing", type: "bigint", nullable: false)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}

[Migration("20240401000006_AddVolatileDefaultToNewTable")]
public sealed class AddVolatileDefaultToNewTable : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ScratchTable.Create(migrationBuilder);
        migrationBuilder.AddColumn<Guid>(name: "PublicId", table: ScratchTable.Name, type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()");
        migrationBuilder.AddColumn<string>(name: "Slug", table: ScratchTable.Name, type: "text", nullable: true, computedColumnSql: "lower(\"Label\")", stored: true);
    }
}

[Migration("20240401000007_AddListingStoredSlug")]
public sealed class AddListingStoredSlug : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "Slug", table: "Listing", type: "text", nullable: true, computedColumnSql: "lower(\"Title\")", stored: true);
}
