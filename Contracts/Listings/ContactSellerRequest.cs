using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Listings;

/// <summary>
/// A buyer's message about a listing (<c>POST /api/listings/{id}/contact</c>), mailed by the platform to the seller with
/// the buyer's address as Reply-To; the seller answers by mail.
/// </summary>
public sealed record ContactSellerRequest
{
    /// <summary>Plain text, 1 to 2,000 characters.</summary>
    [Required, StringLength(ContactRules.MessageMaxLength, MinimumLength = 1)]
    public string Message { get; init; } = "";
}
