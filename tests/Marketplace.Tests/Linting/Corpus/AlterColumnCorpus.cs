using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.Tests.Linting.Corpus;

// Written the way `dotnet ef migrations add` writes AlterColumn: new and old facts side by side.

[Migration("20240301000000_NarrowListingTitle")]
public sealed class NarrowListingTitle : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterColumn<string>(
            name: "Title", table: "Listing", type: "character varying(100)", maxLength: 100, nullable: false,
            oldClrType: typeof(string), oldType: "character varying(200)", oldMaxLength: 200);
}

[Migration("20240301000001_WidenListingTitle")]
public sealed class WidenListingTitle : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AlterColumn<string>(
            name: "Title", table: "Listing", type: "character varying(500)", maxLength: 500, nullable: false,
            oldClrType: typeof(string), oldType: "character varying(200)", oldMaxLength: 200);
        migrationBuilder.AlterColumn<string>(
            name: "Description", table: "Listing", type: "text", nullable: true,
            oldClrType: typeof(string), oldType: "character varying(5000)", oldMaxLength: 5000, oldNullable: true);
    }
}

[Migration("20240301000002_WidenListingViewsToBigint")]
public sealed class WidenListingViewsToBigint : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterColumn<long>(
            name: "Views", table: "Listing", type: "bigint", nullable: false,
            oldClrType: typeof(int), oldType: "integer");
}

[Migration("20240301000003_ReduceListingPriceScale")]
public sealed class ReduceListingPriceScale : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterColumn<decimal>(
            name: "Price", table: "Listing", type: "numeric(12,1)", precision: 12, scale: 1, nullable: false,
            oldClrType: typeof(decimal), oldType: "numeric(12,2)", oldPrecision: 12, oldScale: 2);
}

[Migration("20240301000004_GrowListingPricePrecision")]
public sealed class GrowListingPricePrecision : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterColumn<decimal>(
            name: "Price", table: "Listing", type: "numeric(14,2)", precision: 14, scale: 2, nullable: false,
            oldClrType: typeof(decimal), oldType: "numeric(12,2)", oldPrecision: 12, oldScale: 2);
}

[Migration("20240301000005_ListingViewsToText")]
public sealed class ListingViewsToText : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterColumn<string>(
            name: "Views", table: "Listing", type: "text", nullable: false,
            oldClrType: typeof(int), oldType: "integer");
}

/// <summary>Hand-written, without the old facts: only the previous model knows Title was varchar(200).</summary>
[Migration("20240301000006_HandWrittenNarrowTitle")]
public sealed class HandWrittenNarrowTitle : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterColumn<string>(name: "Title", table: "Listing", maxLength: 50, nullable: false);
}

[Migration("20240301000007_NarrowColumnOfNewTable")]
public sealed class NarrowColumnOfNewTable : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ScratchTable.Create(migrationBuilder);
        migrationBuilder.AlterColumn<string>(
            name: "Label", table: ScratchTable.Name, type: "character varying(10)", maxLength: 10, nullable: false,
            oldClrType: typeof(string), oldType: "character varying(200)", oldMaxLength: 200, oldNullable: true);
    }
}

[Migration("20240301000008_RequireListingDescription")]
public sealed class RequireListingDescription : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterColumn<string>(
            name: "Description", table: "Listing", type: "text", nullable: false,
            oldClrType: typeof(string), oldType: "text", oldNullable: true);
}

[Migration("20240301000009_AllowNullListingDescription")]
public sealed class AllowNullListingDescription : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterColumn<string>(
            name: "Description", table: "Listing", type: "text", nullable: true,
            oldClrType: typeof(string), oldType: "text");
}

[Migration("20240301000010_RequireColumnOfNewTable")]
public sealed class RequireColumnOfNewTable : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ScratchTable.Create(migrationBuilder);
        migrationBuilder.AlterColumn<string>(
            name: "Label", table: ScratchTable.Name, type: "character varying(200)", maxLength: 200, nullable: false,
            oldClrType: typeof(string), oldType: "character varying(200)", oldMaxLength: 200, oldNullable: true);
    }
}

/// <summary>A column added earlier in the same migration is not an existing column.</summary>
[Migration("20240301000011_AddThenRequireListingColumn")]
public sealed class AddThenRequireListingColumn : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "Notes", table: "Listing", type: "text", nullable: true);
        migrationBuilder.Sql("UPDATE \"Listing\" SET \"Notes\" = ''");
        migrationBuilder.AlterColumn<string>(
            name: "Notes", table: "Listing", type: "text", nullable: false,
            oldClrType: typeof(string), oldType: "text", oldNullable: true);
    }
}

/// <summary>As dotnet ef writes it when the model makes a column required and gives it a default: EF fills the nulls first.</summary>
[Migration("20240301000012_RequireListingDescriptionWithDefault")]
public sealed class RequireListingDescriptionWithDefault : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterColumn<string>(
            name: "Description", table: "Listing", type: "text", nullable: false, defaultValue: "",
            oldClrType: typeof(string), oldType: "text", oldNullable: true);
}

/// <summary>A string column turned into a number: EF Core writes no USING clause, and PostgreSQL has no automatic cast.</summary>
[Migration("20240301000013_ListingTitleToInteger")]
public sealed class ListingTitleToInteger : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterColumn<int>(
            name: "Title", table: "Listing", type: "integer", nullable: false,
            oldClrType: typeof(string), oldType: "character varying(200)", oldMaxLength: 200);
}
