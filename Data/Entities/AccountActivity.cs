using System.Text.Json;

namespace Marketplace.Data.Entities;

/// <summary>
/// What a person did to their own account that they, or whoever looks after the marketplace, may need to see later:
/// downloading its data, deleting it, putting back an address someone else moved it from. The admins' actions have
/// their own log (<see cref="AdminAuditLog"/>).
/// </summary>
public sealed class AccountActivity
{
    public long Id { get; set; }

    public Guid UserId { get; set; }

    public User? User { get; set; }

    public AccountActivityKind Kind { get; set; }

    /// <summary>What the action came to (how many listings a deletion archived, say), as JSON; never an address.</summary>
    public JsonDocument? Details { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
