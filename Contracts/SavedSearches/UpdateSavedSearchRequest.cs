using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.SavedSearches;

/// <summary>A saved search's alerts, changed.</summary>
public sealed record UpdateSavedSearchRequest
{
    [Required]
    public AlertFrequency? Alerts { get; init; }
}
