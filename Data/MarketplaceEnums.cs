using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Npgsql.NameTranslation;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Marketplace.Data;

/// <summary>
/// The PostgreSQL enum types of the model, named once so that the EF model, the ADO.NET data source
/// and the design-time factory cannot disagree. Labels are the snake_case of the CLR names.
/// </summary>
public static class MarketplaceEnums
{
    public const string ListingCategory = "listing_category";
    public const string ListingStatus = "listing_status";
    public const string UserRole = "user_role";
    public const string AdminAction = "admin_action";
    public const string AuditTargetType = "audit_target_type";
    public const string OutboxMailKind = "outbox_mail_kind";
    public const string OutboxMailState = "outbox_mail_state";
    public const string ItemCondition = "item_condition";
    public const string AlertFrequency = "alert_frequency";
    public const string AccountActivityKind = "account_activity_kind";

    internal static void Register(ModelBuilder modelBuilder) => modelBuilder
        .HasPostgresEnum<Entities.ListingCategory>(name: ListingCategory)
        .HasPostgresEnum<Entities.ListingStatus>(name: ListingStatus)
        .HasPostgresEnum<Entities.UserRole>(name: UserRole)
        .HasPostgresEnum<Entities.AdminAction>(name: AdminAction)
        .HasPostgresEnum<Entities.AuditTargetType>(name: AuditTargetType)
        .HasPostgresEnum<Entities.OutboxMailKind>(name: OutboxMailKind)
        .HasPostgresEnum<Entities.OutboxMailState>(name: OutboxMailState)
        .HasPostgresEnum<Entities.ItemCondition>(name: ItemCondition)
        .HasPostgresEnum<Entities.AlertFrequency>(name: AlertFrequency)
        .HasPostgresEnum<Entities.AccountActivityKind>(name: AccountActivityKind);

    /// <summary>Maps the enums for EF Core's type mapping.</summary>
    public static NpgsqlDbContextOptionsBuilder MapMarketplaceEnums(this NpgsqlDbContextOptionsBuilder npgsql) => npgsql
        .MapEnum<Entities.ListingCategory>(ListingCategory)
        .MapEnum<Entities.ListingStatus>(ListingStatus)
        .MapEnum<Entities.UserRole>(UserRole)
        .MapEnum<Entities.AdminAction>(AdminAction)
        .MapEnum<Entities.AuditTargetType>(AuditTargetType)
        .MapEnum<Entities.OutboxMailKind>(OutboxMailKind)
        .MapEnum<Entities.OutboxMailState>(OutboxMailState)
        .MapEnum<Entities.ItemCondition>(ItemCondition)
        .MapEnum<Entities.AlertFrequency>(AlertFrequency)
        .MapEnum<Entities.AccountActivityKind>(AccountActivityKind);

    /// <summary>Maps the enums at the ADO.NET level, which a data source built outside EF needs as well.</summary>
    public static NpgsqlDataSourceBuilder MapMarketplaceEnums(this NpgsqlDataSourceBuilder builder)
    {
        builder.MapEnum<Entities.ListingCategory>(ListingCategory);
        builder.MapEnum<Entities.ListingStatus>(ListingStatus);
        builder.MapEnum<Entities.UserRole>(UserRole);
        builder.MapEnum<Entities.AdminAction>(AdminAction);
        builder.MapEnum<Entities.AuditTargetType>(AuditTargetType);
        builder.MapEnum<Entities.OutboxMailKind>(OutboxMailKind);
        builder.MapEnum<Entities.OutboxMailState>(OutboxMailState);
        builder.MapEnum<Entities.ItemCondition>(ItemCondition);
        builder.MapEnum<Entities.AlertFrequency>(AlertFrequency);
        builder.MapEnum<Entities.AccountActivityKind>(AccountActivityKind);
        return builder;
    }

    /// <summary>The label PostgreSQL stores for <paramref name="value"/> (<c>EmailChange</c> is <c>email_change</c>), also used in telemetry and the worker's output.</summary>
    public static string LabelOf<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        new NpgsqlSnakeCaseNameTranslator().TranslateMemberName(value.ToString());

    /// <summary>The slug of the base category that stands for a legacy enum value (<c>HomeAndGarden</c> is <c>home-and-garden</c>).</summary>
    public static string SlugOf(ListingCategory category) =>
        LabelOf(category).Replace('_', '-');
}
