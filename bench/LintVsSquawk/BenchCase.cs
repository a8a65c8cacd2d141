using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.Bench.LintVsSquawk;

/// <summary>
/// One migration both linters judge: the migration for ours, its SQL for squawk, and the truth: whether it blocks
/// traffic on a live table, loses data, fails, or breaks the version still serving during a rolling deploy.
/// </summary>
/// <param name="Hazard">What goes wrong on a live database, or null for a safe change.</param>
/// <param name="SquawkRules">The squawk rules that name that hazard; a squawk finding of another rule does not catch it.</param>
/// <param name="LintRules">The same for our rule ids.</param>
internal sealed record BenchCase(
    string Name,
    string Origin,
    Migration Migration,
    IModel? PreviousModel,
    string Sql,
    string? Hazard,
    IReadOnlySet<string> SquawkRules,
    IReadOnlySet<string> LintRules)
{
    public bool IsUnsafe => Hazard is not null;
}
