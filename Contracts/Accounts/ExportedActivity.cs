using System.Text.Json;

namespace Marketplace.Contracts.Accounts;

/// <summary>Something the owner did to the account, in an <see cref="AccountExport"/>.</summary>
/// <param name="Kind">data_exported, account_deleted or email_change_reverted.</param>
/// <param name="Details">What it came to, when there is more to say (counts; never an address).</param>
public sealed record ExportedActivity(string Kind, DateTimeOffset CreatedAt, JsonElement? Details);
