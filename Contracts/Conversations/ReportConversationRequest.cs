using System.ComponentModel.DataAnnotations;
using Marketplace.Contracts.Reports;

namespace Marketplace.Contracts.Conversations;

/// <summary>Why a conversation breaks the rules, for the admins, who may then read it.</summary>
public sealed record ReportConversationRequest
{
    /// <summary>What is wrong; 1 to 1,000 characters.</summary>
    [Required, StringLength(ReportRules.ReasonMaxLength, MinimumLength = 1)]
    public string Reason { get; init; } = "";
}
