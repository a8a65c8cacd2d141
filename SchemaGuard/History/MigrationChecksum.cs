using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Marketplace.SchemaGuard.History;

/// <summary>
/// The checksum of what a migration does: SHA-256 over a canonical rendering of its Up operations (every
/// operation's type, its non-default properties sorted by name, and its annotations sorted by name, recursively).
/// </summary>
/// <remarks>
/// The operations rather than the SQL they produce, so that an EF Core or Npgsql upgrade that words the same DDL
/// differently does not flag every applied migration; Up only, because Up is what was applied (fixing a Down is legitimate).
/// Properties at their type's default are left out, so a property a newer EF adds does not change old checksums,
/// and line endings are normalised, so a Windows checkout of a migration with raw SQL has the same checksum.
/// </remarks>
public static class MigrationChecksum
{
    private const string Version = "marketplace-migration-checksum/1";

    // A migration's code cannot change while the process runs; the Api's periodic check need not rebuild them.
    private static readonly ConcurrentDictionary<Type, string> ByType = new();

    /// <summary>The checksum of the migration <paramref name="migrationId"/> in <paramref name="migrationsAssembly"/>.</summary>
    public static string Of(IMigrationsAssembly migrationsAssembly, string migrationId, string activeProvider)
    {
        var type = migrationsAssembly.Migrations.TryGetValue(migrationId, out var found)
            ? found
            : throw new InvalidOperationException($"Migration {migrationId} is not in {migrationsAssembly.Assembly.GetName().Name}.");
        return ByType.GetOrAdd(type, _ => Compute(migrationsAssembly.CreateMigration(type, activeProvider)));
    }

    public static string Compute(Migration migration)
    {
        var text = new StringBuilder(Version).Append('\n');
        foreach (var operation in migration.UpOperations)
        {
            Render(operation, text, depth: 0);
            text.Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The canonical text the checksum is taken over; tests and humans can diff two of them.</summary>
    public static string Render(IEnumerable<MigrationOperation> operations)
    {
        var text = new StringBuilder();
        foreach (var operation in operations)
        {
            Render(operation, text, depth: 0);
            text.Append('\n');
        }

        return text.ToString();
    }

    private static void Render(object? value, StringBuilder text, int depth)
    {
        if (depth > 32)
        {
            throw new InvalidOperationException("A migration operation nests deeper than 32 levels; the checksum cannot render it.");
        }

        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case string s:
                RenderString(s, text);
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case Enum e:
                text.Append(e.GetType().Name).Append('.').Append(e.ToString());
                break;
            case Type type:
                text.Append("type:").Append(type.FullName);
                break;
            case IFormattable formattable:
                text.Append(value.GetType().Name).Append(':').Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            case Annotatable annotatable:
                RenderObject(annotatable, text, depth);
                break;
            case Array { Rank: > 1 } array:
                text.Append("array").Append(string.Join('x', Enumerable.Range(0, array.Rank).Select(array.GetLength))).Append('[');
                RenderItems(array, text, depth);
                text.Append(']');
                break;
            case IEnumerable items:
                text.Append('[');
                RenderItems(items, text, depth);
                text.Append(']');
                break;
            default:
                text.Append(value.GetType().Name).Append(':');
                RenderString(value.ToString() ?? "", text);
                break;
        }
    }

    private static void RenderItems(IEnumerable items, StringBuilder text, int depth)
    {
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                text.Append(',');
            }

            first = false;
            Render(item, text, depth + 1);
        }
    }

    private static void RenderObject(Annotatable annotatable, StringBuilder text, int depth)
    {
        var type = annotatable.GetType();
        text.Append(type.Name).Append('{');
        foreach (var property in RenderedProperties(type))
        {
            var value = property.GetValue(annotatable);
            if (IsDefault(value, property.PropertyType))
            {
                continue;
            }

            text.Append(property.Name).Append('=');
            Render(value, text, depth + 1);
            text.Append(';');
        }

        foreach (var annotation in annotatable.GetAnnotations().OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            text.Append('@').Append(annotation.Name).Append('=');
            Render(annotation.Value, text, depth + 1);
            text.Append(';');
        }

        text.Append('}');
    }

    private static IEnumerable<PropertyInfo> RenderedProperties(Type type) => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetIndexParameters().Length == 0
                    && p.DeclaringType is not null
                    && !p.DeclaringType.IsAssignableFrom(typeof(Annotatable)))
        .OrderBy(p => p.Name, StringComparer.Ordinal);

    private static bool IsDefault(object? value, Type declaredType) => value switch
    {
        null => true,
        string => false,
        ICollection { Count: 0 } => true,
        _ when declaredType.IsValueType && Nullable.GetUnderlyingType(declaredType) is null
            => value.Equals(Activator.CreateInstance(declaredType)),
        _ => false,
    };

    private static void RenderString(string s, StringBuilder text) =>
        text.Append('"').Append(s.ReplaceLineEndings("\n").Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
}
