using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Marketplace.Tests.Linting.Corpus;

// The corpus: small migrations written for the linter's tests. They live in the test assembly, outside the Data
// project's migrations assembly, so no context ever applies them. Each file covers one rule family: migrations that
// must trigger the rule and migrations that must not.

/// <summary>
/// The migration before most of the corpus: it creates "Listing" and targets a model that says so, the way a generated
/// Designer file does. Its target model is the "previous model" for migrations whose operations lack old facts.
/// </summary>
[Migration("20240101000000_CreateListing")]
public sealed class ListingTableMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateTable(
            name: "Listing",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false),
                Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                Description = table.Column<string>(type: "text", nullable: true),
                Price = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                Views = table.Column<int>(type: "integer", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Listing", x => x.Id));

    protected override void BuildTargetModel(ModelBuilder modelBuilder) =>
        modelBuilder.Entity("Marketplace.Listing", b =>
        {
            b.Property<long>("Id").HasColumnType("bigint");
            b.Property<string>("Title").IsRequired().HasMaxLength(200).HasColumnType("character varying(200)");
            b.Property<string>("Description").HasColumnType("text");
            b.Property<decimal>("Price").HasPrecision(12, 2).HasColumnType("numeric(12,2)");
            b.Property<int>("Views").HasColumnType("integer");
            b.HasKey("Id");
            b.ToTable("Listing");
        });
}

/// <summary>Creates a table the migration itself then works on: an empty table has nothing to lock or lose.</summary>
internal static class ScratchTable
{
    public const string Name = "Scratch";

    public static void Create(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateTable(
            name: Name,
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false),
                Label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                ListingId = table.Column<long>(type: "bigint", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_Scratch", x => x.Id));
}

/// <summary>A migration made of given operations, for tables of cases that differ only in their values.</summary>
public sealed class OperationsMigration(params MigrationOperation[] operations) : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Operations.AddRange(operations);
}
