using System.ComponentModel.DataAnnotations;

namespace Marketplace.Web.Forwarding;

/// <summary>
/// Settings under <c>VisitorForwarding</c>: the shared secret that lets the Api believe the visitor's address the Web
/// forwards, so its per-caller rate limits count visitors rather than the Web. The AppHost generates it and hands it to
/// both; without it the Web forwards nothing (the Api then counts the Web as one caller).
/// </summary>
public sealed class VisitorForwardingOptions
{
    public const string SectionName = "VisitorForwarding";

    [MinLength(32, ErrorMessage = "VisitorForwarding:Key must be at least 32 characters (the Api requires as many).")]
    public string? Key { get; set; }
}
