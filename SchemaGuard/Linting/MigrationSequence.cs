using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.SchemaGuard.Linting;

/// <summary>
/// Migrations in the order EF Core applies them (by id), each paired with the target model of the one before it,
/// which is what the linter needs to tell a live table from one created in the same migration.
/// </summary>
public sealed class MigrationSequence
{
    private readonly string? _sourceFolder;

    private MigrationSequence(IEnumerable<Migration> migrations, string? sourceFolder)
    {
        Migrations = [.. migrations.OrderBy(m => LintSubject.IdOf(m), StringComparer.Ordinal)];
        _sourceFolder = sourceFolder;
    }

    public IReadOnlyList<Migration> Migrations { get; }

    /// <summary>The migrations of a context's migrations assembly, created the way EF Core's migrator creates them.</summary>
    /// <param name="sourceFolder">Where their source files live (<c>&lt;id&gt;.cs</c>), for the report's locations.</param>
    public static MigrationSequence FromContext(DbContext context, string? sourceFolder = null)
    {
        var assembly = context.GetService<IMigrationsAssembly>();
        var provider = context.Database.ProviderName
            ?? throw new InvalidOperationException("The context has no database provider configured.");
        return new MigrationSequence(assembly.Migrations.Values.Select(type => assembly.CreateMigration(type, provider)), sourceFolder);
    }

    /// <summary>Migrations constructed directly, e.g. a test corpus outside any context's migrations assembly.</summary>
    public static MigrationSequence Of(IEnumerable<Migration> migrations, string? sourceFolder = null) => new(migrations, sourceFolder);

    /// <summary>The id of a migration given by its id or its name (<c>AddX</c> for <c>20250101000000_AddX</c>), as <c>dotnet ef</c> accepts; null if none matches.</summary>
    public string? FindId(string idOrName) =>
        Migrations.Select(LintSubject.IdOf).FirstOrDefault(id =>
            string.Equals(id, idOrName, StringComparison.OrdinalIgnoreCase)
            || string.Equals(id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..], idOrName, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every migration as a lint subject, or only those after <paramref name="sinceId"/> (an id <see cref="FindId"/> returned).</summary>
    public IReadOnlyList<LintSubject> Subjects(string? sinceId = null)
    {
        var first = 0;
        if (sinceId is not null)
        {
            var since = Migrations.Select(LintSubject.IdOf).ToList().IndexOf(sinceId);
            first = since >= 0 ? since + 1 : throw new ArgumentException($"No migration has the id '{sinceId}'.", nameof(sinceId));
        }

        return
        [
            .. Migrations.Skip(first).Select((migration, offset) => new LintSubject(
                migration,
                first + offset > 0 ? Migrations[first + offset - 1].TargetModel : null,
                _sourceFolder is null ? null : $"{_sourceFolder}/{LintSubject.IdOf(migration)}.cs")),
        ];
    }
}
