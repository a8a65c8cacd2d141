using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.SavedSearches;

/// <summary>Stops a saved search's alert mails, with the two values of the link in every alert mail; no sign-in.</summary>
public sealed record UnsubscribeRequest
{
    [Required]
    public long? Search { get; init; }

    [Required, StringLength(100, MinimumLength = 1)]
    public string Token { get; init; } = "";
}
