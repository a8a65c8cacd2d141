using Marketplace.SchemaGuard.Linting;
using Marketplace.Tests.Linting.Corpus;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.Tests.Linting;

/// <summary>Lints corpus migrations as the real sequence would: after <see cref="ListingTableMigration"/>.</summary>
internal static class CorpusLinter
{
    public static MigrationLintResult Lint<TMigration>()
        where TMigration : Migration, new() =>
        MigrationLinter.Lint(new TMigration(), new ListingTableMigration());

    /// <summary>The findings of one rule, for "this migration triggers exactly this" assertions.</summary>
    public static IReadOnlyList<LintFinding> Findings<TMigration>(string ruleId)
        where TMigration : Migration, new() =>
        [.. Lint<TMigration>().Findings.Where(f => f.RuleId == ruleId)];

    public static LintFinding Single<TMigration>(string ruleId)
        where TMigration : Migration, new() =>
        Assert.Single(Findings<TMigration>(ruleId));

    public static void None<TMigration>(string ruleId)
        where TMigration : Migration, new() =>
        Assert.Empty(Findings<TMigration>(ruleId));
}
