namespace Marketplace.Contracts.Accounts;

/// <summary>A report the account filed about a conversation, and when the admins settled it.</summary>
public sealed record ExportedConversationReport(long ConversationId, string Reason, DateTimeOffset FiledAt, DateTimeOffset? ResolvedAt);
