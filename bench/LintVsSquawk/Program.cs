using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Marketplace.Bench.LintVsSquawk;
using Marketplace.Data;
using Marketplace.SchemaGuard.Linting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

// Our migration lint against squawk (https://squawkhq.com) on the same migrations: ours reads the EF Core migration,
// squawk reads the SQL EF Core generates for it. Usage: Marketplace.Bench.LintVsSquawk <squawk executable> <output folder>
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Marketplace.Bench.LintVsSquawk <squawk executable> <output folder>");
    return 2;
}

var (squawk, output) = (args[0], Directory.CreateDirectory(args[1]).FullName);
using var context = new MarketplaceDbContextFactory().CreateDbContext([]);
var sequence = MigrationSequence.FromContext(context, MarketplaceDbContextFactory.MigrationsFolder);
var migrator = context.GetService<IMigrator>();
var generator = context.GetService<IMigrationsSqlGenerator>();
HashSet<string> Rules(params string[] names) => new(names, StringComparer.Ordinal);

var cases = new List<BenchCase>();
foreach (var subject in sequence.Subjects())
{
    var previousId = sequence.Migrations.Select(LintSubject.IdOf).TakeWhile(id => id != subject.Id).LastOrDefault() ?? Migration.InitialDatabase;
    // Exactly what `dotnet ef migrations script <previous> <this>` writes.
    var sql = migrator.GenerateScript(previousId, subject.Id);
    var (hazard, squawkRules, lintRules) = subject.Id.EndsWith("_AddCategoryModel", StringComparison.Ordinal)
        ? ("a validated foreign key on Listing: writes to Listing wait while every listing is scanned", Rules("adding-foreign-key-constraint"), Rules(LintRuleIds.AddForeignKey))
        : ((string?)null, Rules(), Rules());
    cases.Add(new BenchCase(subject.Id, "history", subject.Migration, subject.PreviousModel, sql, hazard, squawkRules, lintRules));
}

var latest = sequence.Migrations[^1].TargetModel;
void Change(Migration migration, string? hazard, HashSet<string> squawkRules, HashSet<string> lintRules)
{
    var id = LintSubject.IdOf(migration);
    cases.Add(new BenchCase(id, "change", migration, latest, Script(id, generator.Generate(migration.UpOperations)), hazard, squawkRules, lintRules));
}

Change(new IndexListingTitleUnique(), "a unique index built without CONCURRENTLY: writes to Listing wait for the build", Rules("require-concurrent-index-creation"), Rules(LintRuleIds.CreateIndexBlocking));
Change(new DropListingSearchVectorIndex(), "DROP INDEX without CONCURRENTLY: ACCESS EXCLUSIVE on Listing", Rules("require-concurrent-index-deletion"), Rules(LintRuleIds.DropIndexBlocking));
Change(new CascadeListingSellerDelete(), "a foreign key re-added validated: writes to Listing and User wait while every listing is checked", Rules("adding-foreign-key-constraint"), Rules(LintRuleIds.AddForeignKey));
Change(new CheckListingTitleNotBlank(), "a check validated under ACCESS EXCLUSIVE on Listing", Rules("constraint-missing-not-valid"), Rules(LintRuleIds.AddCheckConstraint));
Change(new RequireListingAiModel(), "one unbatched UPDATE of every null row, then SET NOT NULL scanning Listing under ACCESS EXCLUSIVE", Rules("adding-not-nullable-field"), Rules(LintRuleIds.BackfillUpdate, LintRuleIds.SetNotNull));
Change(new RequireListingCategoryId(), "SET NOT NULL scans Listing under ACCESS EXCLUSIVE, and fails on the listings still without a category", Rules("adding-not-nullable-field"), Rules(LintRuleIds.SetNotNull));
Change(new AuditTargetIdToInteger(), "varchar to integer without USING: PostgreSQL refuses it, the migration fails", Rules("changing-column-type"), Rules(LintRuleIds.AlterColumnType));
Change(new WidenListingCategoryId(), "integer to bigint rewrites Listing and its indexes under ACCESS EXCLUSIVE", Rules("changing-column-type"), Rules(LintRuleIds.AlterColumnType));
Change(new AddListingPublicId(), "a volatile default rewrites Listing under ACCESS EXCLUSIVE", Rules("adding-field-with-default"), Rules(LintRuleIds.AddColumnVolatileDefault));
Change(new AddListingTitleLength(), "a stored generated column rewrites Listing under ACCESS EXCLUSIVE", Rules("adding-field-with-default", "adding-stored-generated-column"), Rules(LintRuleIds.AddStoredGeneratedColumn));
Change(new RenameListingTitle(), "a rename breaks the version still serving during the deploy", Rules("renaming-column"), Rules(LintRuleIds.RenameColumn));
Change(new DropListingAiModel(), "a drop loses data and breaks the version still serving", Rules("ban-drop-column"), Rules(LintRuleIds.DropColumn));
Change(new AddListingStatusReserved(), "a label written at once: the version still serving cannot read those rows (Npgsql fails)", Rules(), Rules(LintRuleIds.AddEnumLabel));
Change(new UniqueUserEmail(), "a unique constraint's index built under ACCESS EXCLUSIVE on User", Rules("disallowed-unique-constraint"), Rules(LintRuleIds.AddUniqueConstraint));
Change(new AddRequiredUserLocale(), "a required column without default: fails on the first user", Rules("adding-required-field", "adding-not-nullable-field"), Rules(LintRuleIds.AddRequiredColumnWithoutDefault));
Change(new DropAdminAuditLog(), "a dropped table loses data and breaks the version still serving", Rules("ban-drop-table"), Rules(LintRuleIds.DropTable));
Change(new AddListingNotes(), null, Rules(), Rules());
Change(new WidenListingTitle(), null, Rules(), Rules());
Change(new AddListingViewCount(), null, Rules(), Rules());
Change(new IndexListingAiModelConcurrently(), null, Rules(), Rules());

var files = new List<string>();
for (var i = 0; i < cases.Count; i++)
{
    var file = Path.Combine(output, $"{i + 1:00}_{cases[i].Name}.sql");
    await File.WriteAllTextAsync(file, cases[i].Sql);
    files.Add(file);
}

// Squawk as it comes, and configured for how this project deploys: the worker sets lock_timeout per migration and no
// statement_timeout (a concurrent build must not be cut short), each migration runs once under the history table, and
// the type-preference rules (char, int, varchar, serial, timestamp) speak of style, not of what a migration does to traffic.
string[] configured =
[
    "--exclude=require-lock-timeout,require-statement-timeout,prefer-robust-stmts,ban-char-field,prefer-bigint-over-int,prefer-bigint-over-smallint,prefer-identity,prefer-text-field,prefer-timestamptz",
];
var squawkDefault = await RunSquawkAsync(squawk, files, []);
var squawkConfigured = await RunSquawkAsync(squawk, files, configured);

var report = new StringBuilder();
report.AppendLine("| # | migration | truth | lint | squawk, defaults | squawk, configured |");
report.AppendLine("| --- | --- | --- | --- | --- | --- |");
var tallies = new[] { new Tally("lint"), new Tally("squawk, defaults"), new Tally("squawk, configured") };
for (var i = 0; i < cases.Count; i++)
{
    var benchCase = cases[i];
    // An error fails CI (acknowledged or not, it is flagged); a warning does not, so it is shown but not counted.
    var findings = MigrationLinter.Lint(new LintSubject(benchCase.Migration, benchCase.PreviousModel)).Findings;
    var lint = findings.Where(f => f.Severity == LintSeverity.Error).Select(f => f.RuleId).Distinct().ToList();
    var warnings = findings.Where(f => f.Severity == LintSeverity.Warning).Select(f => f.RuleId).Distinct().ToList();
    var found = new[]
    {
        (lint, benchCase.LintRules),
        (squawkDefault.GetValueOrDefault(files[i]) ?? [], benchCase.SquawkRules),
        (squawkConfigured.GetValueOrDefault(files[i]) ?? [], benchCase.SquawkRules),
    };
    for (var t = 0; t < tallies.Length; t++)
    {
        tallies[t].Count(benchCase.IsUnsafe, found[t].Item1, found[t].Item2);
    }

    report.Append(CultureInfo.InvariantCulture, $"| {i + 1} | {benchCase.Name} ({benchCase.Origin}) | {benchCase.Hazard ?? "safe"} |");
    foreach (var (rules, relevant) in found)
    {
        report.Append(' ').Append(Cell(benchCase.IsUnsafe, rules, relevant));
        if (rules == lint && warnings.Count > 0)
        {
            report.Append(" (warning: ").Append(string.Join(", ", warnings)).Append(')');
        }

        report.Append(" |");
    }

    report.AppendLine();
}

report.AppendLine();
var unsafeCount = cases.Count(c => c.IsUnsafe);
var safeCount = cases.Count - unsafeCount;
report.AppendLine("| | " + string.Join(" | ", tallies.Select(t => t.Name)) + " |");
report.AppendLine("| --- |" + string.Concat(tallies.Select(_ => " --- |")));
report.AppendLine($"| unsafe caught, by a rule that names the hazard (recall) | " + string.Join(" | ", tallies.Select(t => $"{t.Caught}/{unsafeCount}")) + " |");
report.AppendLine($"| unsafe flagged by any rule | " + string.Join(" | ", tallies.Select(t => $"{t.Flagged}/{unsafeCount}")) + " |");
report.AppendLine($"| safe migrations flagged (false alarms) | " + string.Join(" | ", tallies.Select(t => $"{t.FalseAlarms}/{safeCount}")) + " |");
report.AppendLine($"| findings on safe migrations | " + string.Join(" | ", tallies.Select(t => t.FalseAlarmFindings.ToString(CultureInfo.InvariantCulture))) + " |");
Console.Write(report);
await File.WriteAllTextAsync(Path.Combine(output, "report.md"), report.ToString());
return 0;

// What `dotnet ef migrations script` writes around a migration's commands: a transaction around those that can run in one
// (a concurrent index build cannot), then the history row, inside the transaction if one is open.
static string Script(string id, IReadOnlyList<MigrationCommand> commands)
{
    var script = new StringBuilder();
    var inTransaction = false;
    foreach (var command in commands)
    {
        if (command.TransactionSuppressed == inTransaction)
        {
            script.Append(inTransaction ? "COMMIT;\n\n" : "START TRANSACTION;\n");
            inTransaction = !inTransaction;
        }

        script.Append(command.CommandText).Append('\n');
    }

    script.Append("INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\")\nVALUES ('" + id + "', '10.0.0');\n");
    return (inTransaction ? script.Append("\nCOMMIT;\n") : script).ToString();
}

static string Cell(bool isUnsafe, IReadOnlyCollection<string> rules, IReadOnlySet<string> relevant)
{
    if (rules.Count == 0)
    {
        return isUnsafe ? "**missed**" : "-";
    }

    var list = string.Join(", ", rules.Order(StringComparer.Ordinal).Select(r => relevant.Contains(r) ? $"**{r}**" : r));
    return isUnsafe
        ? (rules.Any(relevant.Contains) ? "caught: " : "**missed**, flagged: ") + list
        : "false alarm: " + list;
}

static async Task<Dictionary<string, List<string>>> RunSquawkAsync(string squawk, List<string> files, string[] options)
{
    var start = new ProcessStartInfo(squawk) { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var argument in (string[])["--reporter=json", "--pg-version=15", .. options, .. files])
    {
        start.ArgumentList.Add(argument);
    }

    using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {squawk}.");
    var stdout = process.StandardOutput.ReadToEndAsync();
    var stderr = process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    // Squawk exits 1 when it reports anything; only a report that does not parse is a failure of the run.
    using var json = JsonDocument.Parse(await stdout is { Length: > 0 } text ? text : throw new InvalidOperationException($"squawk wrote no report: {await stderr}"));
    return json.RootElement.EnumerateArray()
        .GroupBy(v => Path.GetFullPath(v.GetProperty("file").GetString()!))
        .ToDictionary(g => g.Key, g => g.Select(v => v.GetProperty("rule_name").GetString()!).Distinct().ToList());
}
