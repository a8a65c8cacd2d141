using System.Net.Sockets;
using MailKit.Net.Smtp;
using Marketplace.Api.Infrastructure;
using Marketplace.Api.Mail;
using Marketplace.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// The one sender talks SMTP to a real server (an in-process SmtpServer on loopback), and the account mails carry
/// links built from Marketplace:PublicBaseUrl with the user's data HTML-encoded.
/// </summary>
public sealed class MailTests
{
    private const string UnreachableDatabase = "Host=127.0.0.1;Port=1;Database=marketplacedb;Username=postgres";

    private static SmtpEmailSender Sender(SmtpInbox inbox, Action<SmtpOptions>? configure = null)
    {
        var options = new SmtpOptions
        {
            Host = SmtpInbox.Host,
            Port = inbox.Port,
            Security = SmtpSecurity.None,
            FromAddress = "shop@marketplace.test",
            FromName = "The Marketplace",
        };
        configure?.Invoke(options);
        return new SmtpEmailSender(Options.Create(options), NullLogger<SmtpEmailSender>.Instance);
    }

    private static AccountMails Mails(string publicBaseUrl = "https://shop.example/market/") =>
        new(Options.Create(new MarketplaceOptions { PublicBaseUrl = publicBaseUrl }));

    [Fact]
    public async Task The_sender_delivers_plain_text_and_HTML_from_the_configured_address_to_the_recipient_over_SMTP()
    {
        using var inbox = SmtpInbox.Start();
        var to = $"buyer-{Guid.NewGuid():N}@example.com";

        await Sender(inbox).SendAsync(new EmailMessage(to, "Hello there", "Plain words.", "<p>Rich <b>words</b>.</p>", "help@marketplace.test"), Ct);

        var mail = await inbox.WaitForMailAsync(to, cancellationToken: Ct);
        Assert.Equal("Hello there", mail.Subject);
        Assert.Equal("Plain words.", mail.TextBody.Trim());
        Assert.Equal("<p>Rich <b>words</b>.</p>", mail.HtmlBody.Trim());
        var from = Assert.Single(mail.Message.From.Mailboxes);
        Assert.Equal(("The Marketplace", "shop@marketplace.test"), (from.Name, from.Address));
        Assert.Equal("shop@marketplace.test", mail.EnvelopeFrom);
        Assert.Equal([to], mail.EnvelopeTo);
        Assert.Equal([to], mail.Message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal(["help@marketplace.test"], mail.Message.ReplyTo.Mailboxes.Select(m => m.Address));
        Assert.Equal("multipart/alternative", mail.Message.Body?.ContentType.MimeType);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_makes_sending_fail_instead_of_losing_the_mail_silently()
    {
        var closedPort = CapturedProcess.FreeLoopbackPort();
        var sender = new SmtpEmailSender(Options.Create(new SmtpOptions
        {
            Host = SmtpInbox.Host, Port = closedPort, Security = SmtpSecurity.None, FromAddress = "shop@marketplace.test",
        }), NullLogger<SmtpEmailSender>.Instance);

        var failure = await Record.ExceptionAsync(() => sender.SendAsync(new EmailMessage("a@example.com", "s", "t", "<p>h</p>"), Ct));

        Assert.True(failure is SocketException or SmtpProtocolException or IOException, failure?.ToString() ?? "no exception");
    }

    [Fact]
    public async Task Account_mails_link_under_the_public_base_URL_with_the_token_URL_encoded_and_the_name_HTML_encoded()
    {
        using var inbox = SmtpInbox.Start();
        var mails = Mails();
        var to = $"eve-{Guid.NewGuid():N}@example.com";
        const string Token = "a+b/c=d&e";
        const string Name = "<script>alert('Eve & co')</script>";

        var sender = Sender(inbox);
        await sender.SendAsync(mails.Verification(to, Name, Token, TimeSpan.FromHours(24)), Ct);
        await sender.SendAsync(mails.PasswordReset(to, Name, Token, TimeSpan.FromHours(1)), Ct);
        await sender.SendAsync(mails.EmailChange(to, Name, Token, TimeSpan.FromHours(24)), Ct);

        var verification = await inbox.WaitForMailAsync(to, 1, cancellationToken: Ct);
        var reset = await inbox.WaitForMailAsync(to, 2, cancellationToken: Ct);
        var change = await inbox.WaitForMailAsync(to, 3, cancellationToken: Ct);
        Assert.Equal("https://shop.example/market/verify-email?token=a%2Bb%2Fc%3Dd%26e", verification.Link("/verify-email").AbsoluteUri);
        Assert.Equal("https://shop.example/market/reset-password?token=a%2Bb%2Fc%3Dd%26e", reset.Link("/reset-password").AbsoluteUri);
        Assert.Equal("https://shop.example/market/verify-email?token=a%2Bb%2Fc%3Dd%26e", change.Link("/verify-email").AbsoluteUri);
        foreach (var mail in new[] { verification, reset, change })
        {
            Assert.Equal(Token, mail.Token(mail == reset ? "/reset-password" : "/verify-email"));
            Assert.Contains(Name, mail.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", mail.HtmlBody, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(&#39;Eve &amp; co&#39;)&lt;/script&gt;", mail.HtmlBody, StringComparison.Ordinal);
            Assert.Contains("href=\"https://shop.example/market/", mail.HtmlBody, StringComparison.Ordinal);
        }

        Assert.Contains("24 hours", verification.TextBody, StringComparison.Ordinal);
        Assert.Contains("1 hour", reset.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Smtp__Host", "", "Smtp:Host must name the SMTP server")]
    [InlineData("Smtp__Port", "0", "Smtp:Port must be between 1 and 65535")]
    [InlineData("Smtp__Port", "70000", "Smtp:Port must be between 1 and 65535")]
    [InlineData("Smtp__Security", "Sometimes", "Smtp:Security")]
    [InlineData("Smtp__FromAddress", "", "Smtp:FromAddress must be the one address mail is sent from")]
    [InlineData("Smtp__FromAddress", "not an address", "Smtp:FromAddress must be the one address mail is sent from")]
    [InlineData("Smtp__FromAddress", "a@example.com, b@example.com", "Smtp:FromAddress must be the one address mail is sent from")]
    [InlineData("Smtp__UserName", "mailer", "Smtp:UserName and Smtp:Password must be set together")]
    [InlineData("Smtp__Password", "secret", "Smtp:UserName and Smtp:Password must be set together")]
    [InlineData("Smtp__Timeout", "00:00:00", "Smtp:Timeout must be between")]
    [InlineData("Marketplace__PublicBaseUrl", "", "Marketplace:PublicBaseUrl must be the absolute http or https URL")]
    [InlineData("Marketplace__PublicBaseUrl", "/relative", "Marketplace:PublicBaseUrl must be the absolute http or https URL")]
    [InlineData("Marketplace__PublicBaseUrl", "ftp://marketplace.example.com", "Marketplace:PublicBaseUrl must be the absolute http or https URL")]
    [InlineData("Marketplace__PublicBaseUrl", "https://marketplace.example.com/?a=b", "Marketplace:PublicBaseUrl must be the absolute http or https URL")]
    [InlineData("Support__Address", "", "Support:Address must be the one address")]
    [InlineData("Support__Address", "support", "Support:Address must be the one address")]
    public async Task A_bad_mail_setting_stops_start_up_naming_it(string variable, string value, string message)
    {
        await using var api = ApiProcess.Start(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__marketplacedb"] = UnreachableDatabase,
            ["Jwt__SigningKey"] = ApiApp.SigningKey,
            [variable] = value,
        });

        var exitCode = await api.WaitForExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, api.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_Development_there_is_no_default_SMTP_server_public_base_URL_or_support_address()
    {
        await using var api = ApiProcess.Start(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__marketplacedb"] = UnreachableDatabase,
            ["Jwt__SigningKey"] = ApiApp.SigningKey,
            ["Smtp__Host"] = null,
            ["Smtp__FromAddress"] = null,
            ["Marketplace__PublicBaseUrl"] = null,
            ["Support__Address"] = null,
        });

        var exitCode = await api.WaitForExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Smtp:Host must name the SMTP server", api.Output, StringComparison.Ordinal);
        Assert.Contains("Smtp:FromAddress must be the one address", api.Output, StringComparison.Ordinal);
        Assert.Contains("Marketplace:PublicBaseUrl must be the absolute http or https URL", api.Output, StringComparison.Ordinal);
        Assert.Contains("Support:Address must be the one address", api.Output, StringComparison.Ordinal);
    }
}
