using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Conversations;

/// <summary>A message in a conversation: the first, about a listing, or a reply.</summary>
public sealed record MessageRequest
{
    /// <summary>Plain text, 1 to 2,000 characters.</summary>
    [Required, StringLength(ConversationRules.MessageMaxLength, MinimumLength = 1)]
    public string Message { get; init; } = "";
}
