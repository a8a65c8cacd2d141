using System.Reflection;
using System.Reflection.Emit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Npgsql.NameTranslation;

namespace Marketplace.SchemaGuard.RollingDeploy;

/// <summary>
/// The previous version's CLR enums, rebuilt from its model: one enum per PostgreSQL enum type with exactly the labels
/// that model knows, mapped on a data source the way the application maps its own. Reading a label the previous version
/// does not know then fails in Npgsql exactly as it failed in that version (no old commit is built).
/// </summary>
internal sealed class PreviousVersionEnums
{
    private readonly Dictionary<string, Type> _byStoreType = new(StringComparer.Ordinal);

    public PreviousVersionEnums(IModel previousModel)
    {
        if (!previousModel.GetPostgresEnums().Any())
        {
            return;
        }

        var module = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("PreviousVersionEnums"), AssemblyBuilderAccess.RunAndCollect)
            .DefineDynamicModule("PreviousVersionEnums");
        foreach (var postgresEnum in previousModel.GetPostgresEnums())
        {
            var storeType = StoreName(postgresEnum.Schema, postgresEnum.Name);
            var builder = module.DefineEnum("PreviousVersion." + storeType, TypeAttributes.Public, typeof(int));
            for (var value = 0; value < postgresEnum.Labels.Count; value++)
            {
                builder.DefineLiteral(postgresEnum.Labels[value], value);
            }

            _byStoreType[storeType] = builder.CreateType();
        }
    }

    /// <summary>The previous version's enum for a column's store type, or null when the type is no enum of that model.</summary>
    public Type? Of(string storeType) => _byStoreType.GetValueOrDefault(storeType.Replace("\"", "", StringComparison.Ordinal));

    /// <summary>The labels the previous version knows for a column's store type.</summary>
    public IReadOnlyList<string> Labels(string storeType) =>
        Of(storeType) is { } type ? Enum.GetNames(type) : [];

    /// <summary>A data source with the enums mapped label for label (member names are the labels themselves).</summary>
    public NpgsqlDataSource DataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        foreach (var (storeType, type) in _byStoreType)
        {
            builder.MapEnum(type, storeType, new NpgsqlNullNameTranslator());
        }

        return builder.Build();
    }

    private static string StoreName(string? schema, string name) => schema is null or "" or "public" ? name : $"{schema}.{name}";
}
