using MimeKit;

namespace Marketplace.Api.Mail;

/// <summary>Settings under <c>Support</c>: where people write to the marketplace's staff.</summary>
public sealed class SupportOptions
{
    public const string SectionName = "Support";

    /// <summary>
    /// The address a moderation mail's replies go to (its Reply-To): a seller whose listing was removed, or whose account
    /// was suspended, appeals by answering the mail.
    /// </summary>
    public string Address { get; set; } = "";

    public const string AddressMessage =
        "Support:Address must be the one address people reach the marketplace's staff at, such as support@example.com; set Support__Address. " +
        "Sellers appeal a removal or a suspension by replying to it.";

    /// <summary>Whether <see cref="Address"/> is one address with a local part and a domain.</summary>
    public bool HasValidAddress =>
        !string.IsNullOrWhiteSpace(Address)
        && MailboxAddress.TryParse(Address, out var address)
        && address.Address == Address.Trim()
        && address.Address.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < address.Address.Length - 1;
}
