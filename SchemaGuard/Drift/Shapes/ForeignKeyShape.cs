using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.SchemaGuard.Drift.Shapes;

internal sealed record ForeignKeyShape(
    string Name,
    IReadOnlyList<string> Columns,
    string PrincipalTable,
    IReadOnlyList<string> PrincipalColumns,
    ReferentialAction OnDelete,
    ReferentialAction OnUpdate);
