using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.Tests.Linting.Corpus;

[Migration("20240201000000_DropListing")]
public sealed class DropListing : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("Listing");
}

[Migration("20240201000001_CreateThenDropScratch")]
public sealed class CreateThenDropScratch : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ScratchTable.Create(migrationBuilder);
        migrationBuilder.DropTable(ScratchTable.Name);
    }
}

[Migration("20240201000002_DropListingTitle")]
public sealed class DropListingTitle : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn(name: "Title", table: "Listing");
}

[Migration("20240201000003_DropColumnOfNewTable")]
public sealed class DropColumnOfNewTable : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ScratchTable.Create(migrationBuilder);
        migrationBuilder.DropColumn(name: "Label", table: ScratchTable.Name);
    }
}

[Migration("20240201000004_RenameListing")]
public sealed class RenameListing : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.RenameTable(name: "Listing", newName: "Listings");
}

[Migration("20240201000005_CreateThenRenameScratch")]
public sealed class CreateThenRenameScratch : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ScratchTable.Create(migrationBuilder);
        migrationBuilder.RenameTable(name: ScratchTable.Name, newName: "Draft");
        // Still the table this migration created, under its new name.
        migrationBuilder.DropColumn(name: "Label", table: "Draft");
    }
}

[Migration("20240201000006_RenameListingTitle")]
public sealed class RenameListingTitle : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.RenameColumn(name: "Title", table: "Listing", newName: "Headline");
}

[Migration("20240201000007_RenameColumnOfNewTable")]
public sealed class RenameColumnOfNewTable : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ScratchTable.Create(migrationBuilder);
        migrationBuilder.RenameColumn(name: "Label", table: ScratchTable.Name, newName: "Caption");
    }
}

/// <summary>A migration someone might add after the real history; the gate test appends it to the real sequence.</summary>
[Migration("20991231000000_DropListingDescriptionAfterHistory")]
public sealed class DropListingDescriptionAfterHistory : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn(name: "Description", table: "Listing");
}
