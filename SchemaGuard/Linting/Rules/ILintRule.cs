using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Marketplace.SchemaGuard.Linting.Rules;

/// <summary>One check of migration operations. Rules see every Up operation in order, with the walk's state before it.</summary>
internal interface ILintRule
{
    IEnumerable<LintFinding> Inspect(MigrationOperation operation, MigrationWalk walk);
}
