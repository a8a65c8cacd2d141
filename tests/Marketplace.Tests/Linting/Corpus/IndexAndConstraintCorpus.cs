using Marketplace.SchemaGuard.Conventions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.Tests.Linting.Corpus;

[Migration("20240501000000_IndexListingTitleBlocking")]
public sealed class IndexListingTitleBlocking : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex(name: "IX_Listing_Title", table: "Listing", column: "Title");
}

[Migration("20240501000001_IndexListingTitleConcurrently")]
public sealed class IndexListingTitleConcurrently : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex(name: "IX_Listing_Title", table: "Listing", column: "Title")
            .Annotation("Npgsql:CreatedConcurrently", true);
}

[Migration("20240501000002_IndexNewTable")]
public sealed class IndexNewTable : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ScratchTable.Create(migrationBuilder);
        migrationBuilder.CreateIndex(name: "IX_Scratch_Label", table: ScratchTable.Name, column: "Label", unique: true);
    }
}

/// <summary>The model says concurrently, but the operation was generated before it did: what a stale migration looks like.</summary>
[Migration("20240501000003_IndexListingTitleModelSaysConcurrently")]
public sealed class IndexListingTitleModelSaysConcurrently : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex(name: "IX_Listing_Title", table: "Listing", column: "Title");

    protected override void BuildTargetModel(ModelBuilder modelBuilder) =>
        modelBuilder.Entity("Marketplace.Listing", b =>
        {
            b.Property<long>("Id").HasColumnType("bigint");
            b.Property<string>("Title").IsRequired().HasMaxLength(200).HasColumnType("character varying(200)");
            b.HasKey("Id");
            b.HasIndex("Title").IsCreatedConcurrently();
            b.ToTable("Listing");
        });
}

[Migration("20240501000004_IndexListingConcurrentlyWithColumn")]
public sealed class IndexListingConcurrentlyWithColumn : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "Notes", table: "Listing", type: "text", nullable: true);
        migrationBuilder.CreateIndex(name: "IX_Listing_Notes", table: "Listing", column: "Notes")
            .Annotation("Npgsql:CreatedConcurrently", true);
    }
}

[Migration("20240501000010_AddListingAlternateKey")]
public sealed class AddListingAlternateKey : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddUniqueConstraint(name: "AK_Listing_Title", table: "Listing", column: "Title");
}

[Migration("20240501000011_AddConstraintsToNewTable")]
public sealed class AddConstraintsToNewTable : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: ScratchTable.Name,
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false),
                Label = table.Column<string>(type: "text", nullable: true),
                ListingId = table.Column<long>(type: "bigint", nullable: true),
            });
        migrationBuilder.AddPrimaryKey(name: "PK_Scratch", table: ScratchTable.Name, column: "Id");
        migrationBuilder.AddUniqueConstraint(name: "AK_Scratch_Label", table: ScratchTable.Name, column: "Label");
        migrationBuilder.AddCheckConstraint(name: "CK_Scratch_Label", table: ScratchTable.Name, sql: "\"Label\" <> ''");
        migrationBuilder.AddForeignKey(
            name: "FK_Scratch_Listing_ListingId", table: ScratchTable.Name, column: "ListingId",
            principalTable: "Listing", principalColumn: "Id");
    }
}

[Migration("20240501000012_AddListingPrimaryKey")]
public sealed class AddListingPrimaryKey : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropPrimaryKey(name: "PK_Listing", table: "Listing");
        migrationBuilder.AddPrimaryKey(name: "PK_Listing", table: "Listing", columns: ["Id", "Title"]);
    }
}

[Migration("20240501000013_AddListingPriceCheck")]
public sealed class AddListingPriceCheck : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddCheckConstraint(name: "CK_Listing_Price", table: "Listing", sql: "\"Price\" >= 0");
}

/// <summary>An existing column that may hold values: the check must read the principal table.</summary>
[Migration("20240501000014_AddListingSellerForeignKey")]
public sealed class AddListingSellerForeignKey : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddForeignKey(
            name: "FK_Listing_User_SellerId", table: "Listing", column: "SellerId",
            principalTable: "User", principalColumn: "Id");
}

/// <summary>The shape of AddCategoryModel: a new principal table, a new all-NULL column on a live table, and its key.</summary>
[Migration("20240501000015_AddListingCategoryForeignKey")]
public sealed class AddListingCategoryForeignKey : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Category",
            columns: table => new { Id = table.Column<int>(type: "integer", nullable: false) },
            constraints: table => table.PrimaryKey("PK_Category", x => x.Id));
        migrationBuilder.AddColumn<int>(name: "CategoryId", table: "Listing", type: "integer", nullable: true);
        migrationBuilder.AddForeignKey(
            name: "FK_Listing_Category_CategoryId", table: "Listing", column: "CategoryId",
            principalTable: "Category", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
    }
}

[Migration("20240501000016_DropListingTitleIndexBlocking")]
public sealed class DropListingTitleIndexBlocking : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropIndex(name: "IX_Listing_Title", table: "Listing");
}

[Migration("20240501000017_DropListingTitleIndexConcurrently")]
public sealed class DropListingTitleIndexConcurrently : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropIndex(name: "IX_Listing_Title", table: "Listing").Concurrently();
}

[Migration("20240501000018_DropListingTitleIndexConcurrentlyWithColumn")]
public sealed class DropListingTitleIndexConcurrentlyWithColumn : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Listing_Title", table: "Listing").Concurrently();
        migrationBuilder.AddColumn<string>(name: "Notes", table: "Listing", type: "text", nullable: true);
    }
}
