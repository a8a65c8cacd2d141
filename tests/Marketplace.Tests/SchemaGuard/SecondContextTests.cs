using Marketplace.SchemaGuard;
using Marketplace.SchemaGuard.Drift;
using Marketplace.SchemaGuard.Linting;
using Marketplace.SchemaGuard.RollingDeploy;
using Marketplace.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.Options;

namespace Marketplace.Tests.SchemaGuard;

/// <summary>
/// The guard knows no marketplace entity: its drift detection, its lint and its rolling-deploy proof work on any EF Core +
/// Npgsql context, here a small library of books defined in the tests, with two migrations of its own.
/// </summary>
public sealed class SecondContextTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_guard_assembly_references_none_of_the_marketplace()
    {
        var references = typeof(SchemaDriftDetector).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain(references, name => name is not null && name.StartsWith("Marketplace.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Drift_detection_names_a_hand_edit_of_another_contexts_database()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var context = LibraryContext.Create(database.ConnectionString);
        await context.Database.MigrateAsync(Ct);
        var detector = new SchemaDriftDetector(Options.Create(new SchemaDriftOptions()));

        var current = await detector.DetectAsync(context, Ct);
        await context.Database.ExecuteSqlRawAsync("""ALTER TABLE "Book" ALTER COLUMN "Title" TYPE character varying(50)""", Ct);
        var edited = await detector.DetectAsync(context, Ct);

        Assert.Empty(current.Differences);
        Assert.Equal(1, current.ModelTablesInDatabase);
        Assert.Equal(["column Book.Title has maximum length 200 in the model but 50 in the database"], edited.Differences.Select(d => d.Description));
    }

    [Fact]
    public void Lint_reads_another_contexts_migrations_and_finds_the_dropped_column()
    {
        using var context = LibraryContext.Create("Host=localhost;Database=library");

        var report = MigrationLinter.Lint(MigrationSequence.FromContext(context).Subjects());

        var finding = Assert.Single(report.Findings);
        Assert.Equal(LintRuleIds.DropColumn, finding.RuleId);
        Assert.Equal("Book.Notes", finding.Target.ToString());
        Assert.Equal("20990102000000_DropBookNotes", finding.MigrationId);
    }

    [Fact]
    public async Task The_rolling_deploy_proof_finds_that_dropping_a_column_breaks_the_version_before_it()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var context = LibraryContext.Create(database.ConnectionString);

        var result = Assert.Single(await PreviousVersionProof.ProveHistoryAsync(context, database.ConnectionString, Ct));

        Assert.Equal(("20990102000000_DropBookNotes", "20990101000000_CreateBooks"), (result.MigrationId, result.PreviousMigrationId));
        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("Book: the previous version's insert fails: 42703", problem, StringComparison.Ordinal);
        Assert.Contains("\"Notes\"", problem, StringComparison.Ordinal);
        Assert.Empty(result.BaselineProblems);
    }

    public sealed class Book
    {
        public int Id { get; set; }

        public string Title { get; set; } = "";

        public string Isbn { get; set; } = "";
    }

    public sealed class LibraryContext(DbContextOptions<LibraryContext> options) : DbContext(options)
    {
        public DbSet<Book> Books => Set<Book>();

        public static LibraryContext Create(string connectionString) =>
            new(new DbContextOptionsBuilder<LibraryContext>().UseNpgsql(connectionString).UseSchemaGuard().Options);

        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Book>(book =>
        {
            book.ToTable("Book");
            book.Property(b => b.Title).HasMaxLength(200);
            book.HasIndex(b => b.Isbn).IsUnique();
        });
    }

    [DbContext(typeof(LibraryContext))]
    [Migration("20990101000000_CreateBooks")]
    public sealed class CreateBooks : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Book",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Isbn = table.Column<string>(type: "text", nullable: false),
                    Notes = table.Column<string>(type: "text", nullable: true),
                },
                constraints: table => table.PrimaryKey("PK_Book", x => x.Id));
            migrationBuilder.CreateIndex(name: "IX_Book_Isbn", table: "Book", column: "Isbn", unique: true);
        }

        protected override void BuildTargetModel(ModelBuilder modelBuilder) => BooksModel(modelBuilder, withNotes: true);
    }

    [DbContext(typeof(LibraryContext))]
    [Migration("20990102000000_DropBookNotes")]
    public sealed class DropBookNotes : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn(name: "Notes", table: "Book");

        protected override void BuildTargetModel(ModelBuilder modelBuilder) => BooksModel(modelBuilder, withNotes: false);
    }

    /// <summary>The target model a designer file would build, written once for both migrations.</summary>
    private static void BooksModel(ModelBuilder modelBuilder, bool withNotes) =>
        modelBuilder.Entity("Marketplace.Tests.SchemaGuard.SecondContextTests+Book", b =>
        {
            b.Property<int>("Id").ValueGeneratedOnAdd().HasColumnType("integer")
                .HasAnnotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
            b.Property<string>("Title").IsRequired().HasMaxLength(200).HasColumnType("character varying(200)");
            b.Property<string>("Isbn").IsRequired().HasColumnType("text");
            if (withNotes)
            {
                b.Property<string>("Notes").HasColumnType("text");
            }

            b.HasKey("Id");
            b.HasIndex("Isbn").IsUnique();
            b.ToTable("Book");
        });
}
