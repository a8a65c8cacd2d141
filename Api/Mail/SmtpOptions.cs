using MailKit.Security;
using MimeKit;

namespace Marketplace.Api.Mail;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text: only for a development server on this machine.</summary>
    None,

    /// <summary>Connect in plain text, then require STARTTLS (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>TLS on port 465, STARTTLS when the server offers it, else plain text.</summary>
    Auto,
}

/// <summary>Settings under <c>Smtp</c>: the server the Api hands its mail to, and who the mail is from.</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Smtp";

    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>With <see cref="Password"/>, the credentials to authenticate with; both empty to send without.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = "";

    public string FromName { get; set; } = "Marketplace";

    /// <summary>How long one SMTP exchange may take before sending gives up.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public MailboxAddress From => new(FromName, FromAddress);

    public SecureSocketOptions SocketOptions => Security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    /// <summary>Whether <see cref="FromAddress"/> is one address with a local part and a domain.</summary>
    public bool HasValidFromAddress =>
        !string.IsNullOrWhiteSpace(FromAddress)
        && MailboxAddress.TryParse(FromAddress, out var address)
        && address.Address == FromAddress.Trim()
        && address.Address.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < address.Address.Length - 1;

    public bool HasCredentialsInPairs => string.IsNullOrEmpty(UserName) == string.IsNullOrEmpty(Password);
}
