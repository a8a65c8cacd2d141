using System.Text.Json;
using System.Text.Json.Nodes;
using Marketplace.Data;
using Marketplace.Data.Entities;

namespace Marketplace.Api.Auth;

/// <summary>Adds what an owner did to their account to its own record (<see cref="AccountActivity"/>), in the caller's unit of work.</summary>
public static class AccountActivityLog
{
    public static void Add(MarketplaceDbContext db, Guid userId, AccountActivityKind kind, JsonObject? details = null) =>
        db.AccountActivities.Add(new AccountActivity
        {
            UserId = userId,
            Kind = kind,
            Details = details is null ? null : JsonSerializer.SerializeToDocument(details, AccountActivityJson.Default.JsonObject),
        });
}

[System.Text.Json.Serialization.JsonSerializable(typeof(JsonObject))]
internal sealed partial class AccountActivityJson : System.Text.Json.Serialization.JsonSerializerContext;
