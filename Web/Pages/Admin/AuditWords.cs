using System.Text.Json;
using Marketplace.Contracts.Admin;

namespace Marketplace.Web.Pages.Admin;

/// <summary>The audit log as an admin reads it: each action in words, and where its target's page is.</summary>
public static class AuditWords
{
    public static string Of(AdminAction action) => action switch
    {
        AdminAction.UserSuspended => "suspended the account",
        AdminAction.UserReinstated => "reinstated the account",
        AdminAction.UserRoleChanged => "changed the role of the account",
        AdminAction.ListingRemoved => "removed the listing",
        AdminAction.ListingRestored => "restored the listing",
        AdminAction.CategoryCreated => "created the category",
        AdminAction.CategoryUpdated => "renamed or described the category",
        AdminAction.CategoryDeactivated => "deactivated the category",
        AdminAction.CategoryReactivated => "reactivated the category",
        AdminAction.CategoryMoved => "moved the category",
        AdminAction.CategoryReordered => "reordered the category",
        AdminAction.ReportResolved => "dismissed a report about the listing",
        _ => action.ToString(),
    };

    /// <summary>The label of an action in the filter's list.</summary>
    public static string Label(AdminAction action)
    {
        var words = Of(action);
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    public static string Of(AuditTargetType type) => type switch
    {
        AuditTargetType.User => "Accounts",
        AuditTargetType.Listing => "Listings",
        AuditTargetType.Category => "Categories",
        AuditTargetType.Report => "Reports",
        _ => type.ToString(),
    };

    /// <summary>The admin page of an entry's target (a report's: its listing); null when the entry does not say.</summary>
    public static string? TargetUrl(AuditLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.TargetType switch
        {
            AuditTargetType.User => $"/admin/users/{Uri.EscapeDataString(entry.TargetId)}",
            AuditTargetType.Listing => $"/admin/listings/{Uri.EscapeDataString(entry.TargetId)}",
            AuditTargetType.Category => $"/admin/categories/{Uri.EscapeDataString(entry.TargetId)}",
            AuditTargetType.Report when IsAboutConversation(entry.Details) => $"/admin/conversation-reports/{Uri.EscapeDataString(entry.TargetId)}",
            AuditTargetType.Report => ListingOfReport(entry.Details) is { } listing ? $"/admin/listings/{listing}" : null,
            _ => null,
        };
    }

    /// <summary>What the target is called in the row: "account", "listing 12", "category 7", "report 3".</summary>
    public static string TargetName(AuditLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.TargetType switch
        {
            AuditTargetType.User => $"account {entry.TargetId}",
            AuditTargetType.Listing => $"listing {entry.TargetId}",
            AuditTargetType.Category => $"category {entry.TargetId}",
            _ when IsAboutConversation(entry.Details) => ListingOfReport(entry.Details) is { } listing
                ? $"a conversation about listing {listing} (conversation report {entry.TargetId})"
                : $"conversation report {entry.TargetId}",
            _ => ListingOfReport(entry.Details) is { } listing ? $"listing {listing} (report {entry.TargetId})" : $"report {entry.TargetId}",
        };
    }

    /// <summary>The reason the admin gave, kept in the entry's details.</summary>
    public static string? ReasonOf(AuditLogEntry entry) =>
        entry?.Details is { ValueKind: JsonValueKind.Object } details && details.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String
            ? reason.GetString()
            : null;

    // A conversation report's entry says so in its states ("kind": "Conversation"); a listing report's says nothing.
    private static bool IsAboutConversation(JsonElement? details) =>
        details is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty("after", out var state) && state.ValueKind == JsonValueKind.Object
        && state.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == "Conversation";

    private static string? ListingOfReport(JsonElement? details)
    {
        if (details is not { ValueKind: JsonValueKind.Object } d)
        {
            return null;
        }

        foreach (var side in new[] { "after", "before" })
        {
            if (d.TryGetProperty(side, out var state) && state.ValueKind == JsonValueKind.Object
                && state.TryGetProperty("listingId", out var listing) && listing.ValueKind == JsonValueKind.Number)
            {
                return listing.GetRawText();
            }
        }

        return null;
    }
}
