using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.Infrastructure;

/// <summary>
/// Settings under <c>VisitorForwarding</c>: the secret the Web app proves itself with when it calls the Api on a
/// visitor's behalf, so that the Api counts its per-caller limits by the visitor's address (see <see cref="VisitorForwarding"/>).
/// </summary>
public sealed class VisitorForwardingOptions
{
    public const string SectionName = "VisitorForwarding";

    public const int MinimumKeyLength = 32;

    /// <summary>
    /// Shared with the Web app and nobody else; unset, no caller is trusted to name a visitor's address. A guessable key
    /// would let anyone pick the address they are limited by, hence the length.
    /// </summary>
    [MinLength(MinimumKeyLength, ErrorMessage = "VisitorForwarding:Key must be at least 32 characters (the Web app sends it), or not set at all.")]
    public string? Key { get; set; }
}
