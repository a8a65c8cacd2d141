using Marketplace.SchemaGuard.Linting;
using Marketplace.Tests.Linting.Corpus;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Marketplace.Tests.Linting;

/// <summary>What <c>alter-column-type</c> says for one type change on a live table, as PostgreSQL behaves for it.</summary>
public sealed class ColumnTypeChangeTests
{
    [Theory]
    // Catalog-only on PostgreSQL: nothing to report.
    [InlineData("character varying(100)", "character varying(200)", null)]
    [InlineData("varchar(100)", "text", null)]
    [InlineData("numeric(12,2)", "numeric(16,2)", null)]
    [InlineData("numeric(12,2)", "numeric", null)]
    [InlineData("timestamp(3) with time zone", "timestamp with time zone", null)]
    [InlineData("integer", "int4", null)]
    // Every value fits, but the table is rewritten under an ACCESS EXCLUSIVE lock.
    [InlineData("smallint", "integer", LintSeverity.Error)]
    [InlineData("real", "double precision", LintSeverity.Error)]
    [InlineData("numeric(10,2)", "numeric(12,4)", LintSeverity.Error)]
    [InlineData("json", "jsonb", LintSeverity.Error)]
    [InlineData("character(10)", "character varying(10)", LintSeverity.Error)]
    // Narrowing.
    [InlineData("character varying(200)", "character varying(100)", LintSeverity.Error)]
    [InlineData("text", "character varying(100)", LintSeverity.Error)]
    [InlineData("bigint", "integer", LintSeverity.Error)]
    [InlineData("double precision", "real", LintSeverity.Error)]
    [InlineData("numeric", "numeric(12,2)", LintSeverity.Error)]
    [InlineData("numeric(12,2)", "numeric(11,2)", LintSeverity.Error)]
    [InlineData("timestamp with time zone", "timestamp(0) with time zone", LintSeverity.Error)]
    [InlineData("text[]", "character varying(20)[]", LintSeverity.Error)]
    // A different family of type.
    [InlineData("timestamp with time zone", "timestamp without time zone", LintSeverity.Error)]
    [InlineData("integer", "numeric(12,2)", LintSeverity.Error)]
    [InlineData("uuid", "text", LintSeverity.Error)]
    [InlineData("listing_status", "text", LintSeverity.Error)]
    [InlineData("integer[]", "integer", LintSeverity.Error)]
    public void A_type_change_on_an_existing_column_is_judged_by_what_PostgreSQL_does(string from, string to, LintSeverity? expected)
    {
        var alter = new AlterColumnOperation
        {
            Table = "Listing",
            Name = "Value",
            ClrType = typeof(object),
            ColumnType = to,
            OldColumn = new AddColumnOperation { Table = "Listing", Name = "Value", ClrType = typeof(object), ColumnType = from },
        };

        var finding = MigrationLinter.Lint(new OperationsMigration(alter), previous: null).Findings.SingleOrDefault();

        Assert.Equal(expected, finding?.Severity);
        if (finding is not null)
        {
            Assert.Equal((LintRuleIds.AlterColumnType, "Listing.Value"), (finding.RuleId, finding.Target.ToString()));
        }
    }
}
