using System.Reflection;
using Marketplace.Data;
using Marketplace.Data.Migrations;
using Marketplace.SchemaGuard.Drift;
using Marketplace.SchemaGuard.History;
using Marketplace.SchemaGuard.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Marketplace.Tests.SchemaGuard;

/// <summary>
/// CI gates that need no database: every migration carries the designer metadata EF Core needs to find it, the snapshot
/// agrees with the last migration, and migration checksums are stable and sensitive to what a migration does.
/// </summary>
public sealed class MigrationMetadataTests
{
    [Fact]
    public void Every_migration_has_its_designer_metadata()
    {
        var migrationTypes = typeof(MarketplaceDbContext).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Migration)) && !t.IsAbstract)
            .ToList();

        Assert.Empty(MetadataProblems(migrationTypes));
        // And so EF Core finds every one of them.
        Assert.Equal(migrationTypes.Count, Support.Db.AllMigrations().Count);
    }

    [Fact]
    public void The_metadata_check_names_a_migration_without_its_designer_file()
    {
        Assert.Equal(
            [
                $"{nameof(HandWrittenMigration)} has no [DbContext(typeof(MarketplaceDbContext))] attribute, so EF Core never applies it",
                $"{nameof(HandWrittenMigration)} has no [Migration(\"<id>\")] attribute, so EF Core never applies it",
                $"{nameof(HandWrittenMigration)} does not override BuildTargetModel (its .Designer.cs is missing), so the next migration is diffed against the wrong model",
            ],
            MetadataProblems([typeof(HandWrittenMigration)]));
    }

    [Fact]
    public void The_snapshot_agrees_with_the_last_migrations_target_model()
    {
        using var context = new MarketplaceDbContextFactory().CreateDbContext([]);
        var migrations = context.GetService<IMigrationsAssembly>();
        var differ = context.GetService<IMigrationsModelDiffer>();
        var snapshot = Finalize(context, migrations.ModelSnapshot!.Model);
        var ids = migrations.Migrations.Keys.Order(StringComparer.Ordinal).ToList();
        var last = Finalize(context, migrations.CreateMigration(migrations.Migrations[ids[^1]], context.Database.ProviderName!).TargetModel!);
        var first = Finalize(context, migrations.CreateMigration(migrations.Migrations[ids[0]], context.Database.ProviderName!).TargetModel!);

        var differences = differ.GetDifferences(snapshot.GetRelationalModel(), last.GetRelationalModel());

        Assert.True(differences.Count == 0,
            $"The model snapshot disagrees with {ids[^1]}'s target model: {MigrationChecksum.Render(differences)} " +
            "Regenerate the last migration with dotnet ef (never edit the snapshot by hand).");
        // The comparison is not vacuous: the first migration differs from the snapshot. (Not the one before the last: a
        // migration may change no model, as one that only grants privileges.)
        Assert.NotEmpty(differ.GetDifferences(snapshot.GetRelationalModel(), first.GetRelationalModel()));
    }

    [Fact]
    public void The_live_design_time_model_agrees_with_the_last_migrations_target_model()
    {
        using var context = new MarketplaceDbContextFactory().CreateDbContext([]);
        var migrations = context.GetService<IMigrationsAssembly>();
        var last = migrations.CreateMigration(migrations.Migrations.MaxBy(m => m.Key, StringComparer.Ordinal).Value, context.Database.ProviderName!);

        var differences = context.GetService<IMigrationsModelDiffer>().GetDifferences(
            Finalize(context, last.TargetModel!).GetRelationalModel(),
            context.GetService<IDesignTimeModel>().Model.GetRelationalModel());

        Assert.True(differences.Count == 0,
            $"The model has changes that no migration captures: {MigrationChecksum.Render(differences)} " +
            "Run 'dotnet ef migrations add <Name> --project Data --output-dir Migrations'.");
    }

    [Fact]
    public void A_migrations_checksum_is_stable_and_changes_when_what_it_does_changes()
    {
        var first = MigrationChecksum.Compute(new AddCategoryModel());
        var second = MigrationChecksum.Compute(new AddCategoryModel());
        var edited = MigrationChecksum.Compute(new AddCategoryModelWithAnotherIndex());

        Assert.Equal(first, second);
        Assert.Matches("^[0-9a-f]{64}$", first);
        Assert.NotEqual(first, edited);
        // The ON UPDATE rule travels as an annotation; a change to it is a change to the migration.
        Assert.Contains("@Marketplace:OnUpdate=\"Cascade\"", MigrationChecksum.Render(new AddCategoryModel().UpOperations), StringComparison.Ordinal);
    }

    [Fact]
    public void A_checksum_does_not_depend_on_line_endings_in_raw_sql()
    {
        Assert.Equal(
            MigrationChecksum.Render([new SqlOperation { Sql = "UPDATE x\nSET y = 1;" }]),
            MigrationChecksum.Render([new SqlOperation { Sql = "UPDATE x\r\nSET y = 1;" }]));
    }

    private static IModel Finalize(DbContext context, IModel model) =>
        context.GetService<IModelRuntimeInitializer>().Initialize(
            model is IMutableModel mutable ? mutable.FinalizeModel() : model, designTime: true, validationLogger: null);

    /// <summary>What makes EF Core skip a migration or diff the next one against the wrong model, one sentence each.</summary>
    private static List<string> MetadataProblems(IEnumerable<Type> migrationTypes)
    {
        var problems = new List<string>();
        foreach (var type in migrationTypes)
        {
            if (type.GetCustomAttribute<DbContextAttribute>()?.ContextType != typeof(MarketplaceDbContext))
            {
                problems.Add($"{type.Name} has no [DbContext(typeof(MarketplaceDbContext))] attribute, so EF Core never applies it");
            }

            if (type.GetCustomAttribute<MigrationAttribute>() is null)
            {
                problems.Add($"{type.Name} has no [Migration(\"<id>\")] attribute, so EF Core never applies it");
            }

            if (type.GetMethod("BuildTargetModel", BindingFlags.Instance | BindingFlags.NonPublic)?.DeclaringType == typeof(Migration))
            {
                problems.Add($"{type.Name} does not override BuildTargetModel (its .Designer.cs is missing), so the next migration is diffed against the wrong model");
            }
        }

        return problems;
    }

    private sealed class HandWrittenMigration : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("SELECT 1");
    }

    private sealed class AddCategoryModelWithAnotherIndex : AddCategoryModel
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            base.Up(migrationBuilder);
            migrationBuilder.CreateIndex("IX_Category_Name", "Category", "Name");
        }
    }
}
